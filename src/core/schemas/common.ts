import { z } from 'zod';
import { readableIssue } from './readable-issues.js';

/** An ISO-8601 timestamp with offset, as every API field carries time. */
export const Timestamp = z.iso.datetime({ offset: true });

/** The largest id a table can hold (a 32-bit integer column on PostgreSQL). */
export const MAX_ID = 2_147_483_647;

/** A positive integer id in a body or query. */
export const Id = z.coerce.number().int().positive().max(MAX_ID, 'is not an id');

/**
 * An id in a path or query string: digits only, without sign, spaces, leading zeros, exponent
 * or fraction, so `/users/%201`, `/users/0x10` or `/users/01` name no user instead of user 1.
 */
export const StrictId = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, 'must be an id: digits only, no leading zero')
  .transform(Number)
  .pipe(z.number().max(MAX_ID, 'is not an id'));

/** An incident reference in a path: `INC-12` or `12`, digits as strict as `StrictId`. */
export const IncidentRefParam = z
  .string()
  .regex(/^(?:INC-)?[1-9][0-9]{0,8}$/i, 'must be an incident reference such as INC-12 or 12');

/** A list page: items plus the cursor of the next page (null on the last). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** A reference to a person, as shown next to things they did or own. */
export const UserRef = z.object({ id: z.number(), name: z.string(), email: z.string() });
export type UserRef = z.infer<typeof UserRef>;

/** Page size shared by every list. */
export const Limit = z.coerce.number().int().min(1).max(200).default(50);

/** Comma-separated or repeated query values, parsed into a list of `item`. */
export function listParam<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => {
    if (value === undefined || value === '') return undefined;
    const parts = Array.isArray(value) ? value : [value];
    return parts.flatMap((part) => String(part).split(',')).filter((part) => part !== '');
  }, z.array(item).optional());
}

/** `{ ok: true }` for actions that return nothing else. */
export const Ok = z.object({ ok: z.literal(true) });

// Word every refusal as a predicate people can read ("must be at most 200 characters"); the
// API puts the field's name in front (core/field-messages.ts). Schemas may still say more.
z.config({ customError: (issue) => readableIssue(issue) });
