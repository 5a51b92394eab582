import { z } from 'zod';
import { ROLES } from '../roles.js';
import { Id, Timestamp, UserRef } from './common.js';
import { StakeholderDefaults, UpdateReminderMinutes, UpdateReminderMinutesPatch } from './stakeholders.js';
import { TEXT_LIMITS } from '../text/limits.js';
import { SEVERITIES } from '../priority.js';
import { isValidTimeZone } from '../oncall/zoned.js';

export const RoleSchema = z.enum(ROLES);

const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('must be an email address').max(TEXT_LIMITS.email));
const Password = z.string().min(12, 'must be at least 12 characters').max(200);

/** A user as the API returns it (never the password). */
export const User = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
  createdAt: Timestamp,
  /** Invited and not signed up yet: when the newest invitation was sent and when its link expires. */
  invitation: z.object({ sentAt: Timestamp, expiresAt: Timestamp }).nullable().optional(),
});
export type User = z.infer<typeof User>;

export const CreateUserBody = z.object({
  email: Email,
  name: z.string().trim().max(100).optional(),
  role: RoleSchema,
  password: Password,
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    role: RoleSchema.optional(),
    disabled: z.boolean().optional(),
    password: Password.optional(),
  })
  .strict();
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const ChangePasswordBody = z.object({
  currentPassword: z.string().max(200),
  newPassword: Password,
});

export const SignInBody = z.object({ email: Email, password: z.string().min(1).max(200) });
export type SignInBody = z.infer<typeof SignInBody>;

/** The signed-in caller and the CSRF token their browser must echo on writes. */
export const Session = z.object({ user: User, csrfToken: z.string().nullable() });
export type Session = z.infer<typeof Session>;

/** An API token's metadata (the secret itself is shown only once, at creation). */
export const ApiToken = z.object({
  id: z.number(),
  name: z.string(),
  user: UserRef,
  prefix: z.string(),
  createdAt: Timestamp,
  expiresAt: Timestamp.nullable(),
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const CreateTokenBody = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(TEXT_LIMITS.name),
  userId: Id.optional(),
  expiresAt: Timestamp.optional(),
});
export type CreateTokenBody = z.infer<typeof CreateTokenBody>;

export const CreatedToken = ApiToken.extend({ token: z.string() });
export type CreatedToken = z.infer<typeof CreatedToken>;

/** One administrative action on record. */
export const AuditEntry = z.object({
  id: z.number(),
  at: Timestamp,
  actor: UserRef.nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** Workspace settings admins can change. */
export const Settings = z.object({
  categories: z.array(z.string().trim().min(1).max(64)).max(100),
  reopenWindowHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 365),
  /** Minutes without an update before the commander is reminded, per severity (0: never). */
  updateReminderMinutes: UpdateReminderMinutes,
  /** Stakeholders that matching incidents get without being added by hand. */
  stakeholderDefaults: StakeholderDefaults,
  /** Everyone signing in with a password must use two-factor authentication (enrol at next sign-in). */
  requireTwoFactor: z.boolean(),
  /** Acknowledging makes the acknowledger the commander of an incident that has none. */
  assignCommanderOnAcknowledge: z.boolean(),
  /** Incidents of these severities close only once their post-incident review is published. */
  reviewRequiredSeverities: z.array(z.enum(SEVERITIES)).max(SEVERITIES.length),
  /** The workspace's IANA time zone: reviews and exports write their times in it. */
  timeZone: z.string().max(100).refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Berlin'),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = Settings.partial()
  .extend({ updateReminderMinutes: UpdateReminderMinutesPatch.optional() })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;
