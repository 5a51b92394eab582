import { z } from 'zod';
import { RoleSchema } from './access.js';
import { Timestamp } from './common.js';

const Email = z.string().trim().toLowerCase().pipe(z.email('must be an email address').max(254));
const Token = z.string().trim().min(1, 'is missing').max(200);

/** An admin invites someone by email: they choose their password from the link they are sent. */
export const InviteUserBody = z.object({
  email: Email,
  role: RoleSchema,
  name: z.string().trim().max(100).optional(),
});
export type InviteUserBody = z.infer<typeof InviteUserBody>;

/** "Forgot password?": the answer is the same whether the email belongs to someone or not. */
export const PasswordResetRequestBody = z.object({ email: Email });

/** A link's secret, as the set-password page read it from its address. */
export const AccountLinkCheckBody = z.object({ token: Token });

/** What a working link is for, shown on the set-password page. */
export const AccountLinkInfo = z.object({
  purpose: z.enum(['invite', 'reset']),
  email: z.string(),
  name: z.string(),
  expiresAt: Timestamp,
});
export type AccountLinkInfo = z.infer<typeof AccountLinkInfo>;

/** Choose a password (and, accepting an invitation, a name) with a link. */
export const RedeemAccountLinkBody = z.object({
  token: Token,
  password: z.string().min(12, 'must be at least 12 characters').max(200),
  name: z.string().trim().min(1, 'must not be empty').max(100).optional(),
});
export type RedeemAccountLinkBody = z.infer<typeof RedeemAccountLinkBody>;

/** The outbox payload of an invitation or reset mail: the link's secret is derived when it is sent. */
export interface AccountMail {
  purpose: 'invite' | 'reset';
  salt: string;
  expiresAt: string;
  /** Who invited them (invitations). */
  invitedBy: string | null;
}
