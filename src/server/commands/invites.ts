import type { InviteUserBody } from '../../core/schemas/account-links.js';
import type { User } from '../../core/schemas/access.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import { revokeAccountLinks } from '../store/queries/account-links.js';
import { findUserByEmail, findUserById, insertUser, updateUser } from '../store/queries/users.js';
import type { Executor } from '../store/store.js';
import { sendAccountLink } from './account-links.js';
import { auditChange } from './audit-change.js';
import type { AppContext, Caller } from './context.js';
import { viewUser } from './users.js';

/**
 * Invite someone by email (admins): they appear as a pending user at once and are mailed a
 * link, valid for 7 days, to choose their name and password. Audited.
 */
export async function inviteUser(
  ctx: AppContext,
  caller: Caller,
  body: InviteUserBody,
  signingSecret: string,
): Promise<User> {
  const now = ctx.clock.now();
  const email = body.email.trim().toLowerCase();
  return ctx.store.transaction(async (tx) => {
    const existing = await findUserByEmail(tx, email);
    if (existing) {
      const hint = existing.invited_at === null ? '' : '; resend their invitation instead';
      throw new ConflictError(`a user with email ${email} exists${hint}`, 'email');
    }
    const row = await insertUser(tx, {
      email,
      name: body.name?.trim() || email.split('@')[0] || email,
      role: body.role,
      // No password can match an empty hash: the invited user signs in once they chose one.
      password_hash: '',
      invited_at: now,
      disabled_at: null,
      created_at: now,
      updated_at: now,
    });
    await sendAccountLink(tx, { user: row, purpose: 'invite', createdBy: caller, signingSecret, now });
    await auditChange(tx, caller, now, 'user.invite', row.id, { email, role: body.role });
    return viewUser(row);
  });
}

/** Send a pending user a new invitation link (the earlier ones stop working). Audited. */
export async function resendInvite(
  ctx: AppContext,
  caller: Caller,
  id: number,
  signingSecret: string,
): Promise<User> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const row = await pendingUser(tx, id);
    const updated = await updateUser(tx, id, { invited_at: now, disabled_at: null, updated_at: now });
    await sendAccountLink(tx, { user: row, purpose: 'invite', createdBy: caller, signingSecret, now });
    await auditChange(tx, caller, now, 'user.invite_resend', id, { email: row.email });
    return viewUser(updated ?? row);
  });
}

/** Withdraw an invitation: its links stop working and the pending user is disabled. Audited. */
export async function revokeInvite(ctx: AppContext, caller: Caller, id: number): Promise<User> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const row = await pendingUser(tx, id);
    await revokeAccountLinks(tx, id, now);
    const updated = await updateUser(tx, id, { disabled_at: row.disabled_at ?? now, updated_at: now });
    await auditChange(tx, caller, now, 'user.invite_revoke', id, { email: row.email });
    return viewUser(updated ?? row);
  });
}

async function pendingUser(tx: Executor, id: number) {
  const row = await findUserById(tx, id);
  if (!row) throw new NotFoundError(`user ${id}`);
  if (row.invited_at === null)
    throw new ConflictError('this user has already accepted their invitation', 'id');
  return row;
}
