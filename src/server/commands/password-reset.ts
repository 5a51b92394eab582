import {
  RESET_ADDRESS_MEMORY_MS,
  RESET_MAILS_PER_HOUR,
  RESET_REQUESTS_PER_ADDRESS,
} from '../../core/auth/account-links.js';
import type { AccountLinkInfo, RedeemAccountLinkBody } from '../../core/schemas/account-links.js';
import { ConflictError, NotFoundError, RateLimitedError, ValidationError } from '../../core/errors.js';
import {
  countAccountLinksSince,
  findAccountLink,
  revokeAccountLinks,
  useAccountLink,
} from '../store/queries/account-links.js';
import { deleteSessionsOf } from '../store/queries/credentials.js';
import { countThrottleFailure } from '../store/queries/sign-in-throttles.js';
import { findUserByEmail, findUserById, updateUser } from '../store/queries/users.js';
import { sendAccountLink } from './account-links.js';
import { auditChange } from './audit-change.js';
import { type AppContext, type Caller, iso } from './context.js';
import { assertStrongPassword } from './password-policy.js';
import { hashPassword, secretHash } from './secrets.js';

const HOUR = 3_600_000;

/**
 * "Forgot password?": mail a reset link to the account of `email`, if there is one that may
 * have it. The caller learns nothing: the same answer comes for every email, and an account
 * gets at most a few mails an hour. Only the source address is refused (429) when it asks too
 * often, whatever the email.
 */
export async function requestPasswordReset(
  ctx: AppContext,
  request: { email: string; address: string },
  signingSecret: string,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const key = `reset:${request.address}`;
    const requests = await countThrottleFailure(tx, key, now, now - RESET_ADDRESS_MEMORY_MS);
    if (requests > RESET_REQUESTS_PER_ADDRESS)
      throw new RateLimitedError(
        RESET_ADDRESS_MEMORY_MS / 1000,
        'too many password reset requests; try again later',
      );
    const user = await findUserByEmail(tx, request.email.trim());
    if (!user || user.disabled_at !== null || user.invited_at !== null) return;
    if ((await countAccountLinksSince(tx, user.id, 'reset', now - HOUR)) >= RESET_MAILS_PER_HOUR) return;
    await sendAccountLink(tx, { user, purpose: 'reset', createdBy: null, signingSecret, now });
    await auditChange(tx, null, now, 'user.password_reset_request', user.id, { address: request.address });
  });
}

/** An admin sends someone a password reset link. Audited. */
export async function sendPasswordReset(
  ctx: AppContext,
  caller: Caller,
  id: number,
  signingSecret: string,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const user = await findUserById(tx, id);
    if (!user) throw new NotFoundError(`user ${id}`);
    if (user.invited_at !== null)
      throw new ConflictError('this user has not accepted their invitation; resend it instead', 'id');
    if (user.disabled_at !== null) throw new ConflictError('this user is disabled', 'id');
    await sendAccountLink(tx, { user, purpose: 'reset', createdBy: caller, signingSecret, now });
    await auditChange(tx, caller, now, 'user.password_reset_send', id, { email: user.email });
  });
}

/** What a link is for, while it works; a ValidationError on `token` otherwise. */
export async function checkAccountLink(ctx: AppContext, token: string): Promise<AccountLinkInfo> {
  const link = await workingLink(ctx, token);
  return { purpose: link.purpose, email: link.email, name: link.name, expiresAt: iso(link.expires_at) };
}

/**
 * Choose a password with a link (and a name, accepting an invitation). The link works once;
 * every other link and session of the user ends. Audited.
 */
export async function redeemAccountLink(ctx: AppContext, body: RedeemAccountLinkBody): Promise<void> {
  const link = await workingLink(ctx, body.token);
  const name = link.purpose === 'invite' && body.name ? body.name : link.name;
  assertStrongPassword('password', body.password, [link.email, name]);
  const passwordHash = await hashPassword(body.password);
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    if (!(await useAccountLink(tx, link.id, now))) throw expiredLink();
    await updateUser(tx, link.user_id, {
      password_hash: passwordHash,
      name,
      invited_at: null,
      updated_at: now,
    });
    await revokeAccountLinks(tx, link.user_id, now);
    await deleteSessionsOf(tx, link.user_id);
    // The user is the actor: the link proved who they are.
    const action = link.purpose === 'invite' ? 'user.invite_accept' : 'user.password_reset';
    await auditChange(tx, { userId: link.user_id }, now, action, link.user_id);
  });
  ctx.onPasswordChanged?.(link.user_id);
}

async function workingLink(ctx: AppContext, token: string) {
  const link = await findAccountLink(ctx.store.db, secretHash(token.trim()));
  const isWorking =
    link !== undefined &&
    link.used_at === null &&
    link.revoked_at === null &&
    link.expires_at > ctx.clock.now() &&
    link.disabled_at === null;
  if (!isWorking) throw expiredLink();
  return link;
}

function expiredLink(): ValidationError {
  return new ValidationError('token', 'this link has expired or was already used; ask for a new one');
}
