import { z } from 'zod';

/** An ISO-8601 timestamp with offset, as every API field carries time. */
export const Timestamp = z.iso.datetime({ offset: true });

/** A positive integer id in a path or body. */
export const Id = z.coerce.number().int().positive();

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

// Say "is required" for a missing field instead of zod's generic type message.
z.config({
  customError: (issue) =>
    issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined,
});
