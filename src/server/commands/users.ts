import type { CreateUserBody, UpdateUserBody, User } from '../../core/schemas/access.js';
import type { Role } from '../../core/roles.js';
import { INVITE_TTL_MS } from '../../core/auth/account-links.js';
import { ConflictError, NotFoundError, UnauthenticatedError, ValidationError } from '../../core/errors.js';
import { appendAudit } from '../store/queries/audit.js';
import { deleteSessionsOf } from '../store/queries/credentials.js';
import {
  countActiveAdmins,
  findUserByEmail,
  findUserById,
  insertUser,
  listUsers,
  updateUser as updateUserRow,
} from '../store/queries/users.js';
import type { UserRow } from '../store/schema.js';
import { type AppContext, type Caller, iso } from './context.js';
import { assertStrongPassword } from './password-policy.js';
import { hashPassword, verifyPassword } from './secrets.js';

/** A user row as the API shows it. */
export function viewUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    disabled: row.disabled_at !== null,
    createdAt: iso(row.created_at),
    invitation:
      row.invited_at === null
        ? null
        : { sentAt: iso(row.invited_at), expiresAt: iso(row.invited_at + INVITE_TTL_MS) },
  };
}

/** Every user. */
export async function getUsers(ctx: AppContext): Promise<User[]> {
  return (await listUsers(ctx.store.db)).map(viewUser);
}

/** One user, or 404. */
export async function getUser(ctx: AppContext, id: number): Promise<User> {
  const row = await findUserById(ctx.store.db, id);
  if (!row) throw new NotFoundError(`user ${id}`);
  return viewUser(row);
}

/** The caller's own account; a caller whose user no longer exists is not signed in. */
export async function getOwnUser(ctx: AppContext, caller: Caller): Promise<User> {
  const row = await findUserById(ctx.store.db, caller.userId);
  if (!row) throw new UnauthenticatedError();
  return viewUser(row);
}

/** Create a user; `caller` null means the local command line. Audited. */
export async function createUser(
  ctx: AppContext,
  caller: Caller | null,
  body: CreateUserBody,
): Promise<User> {
  const now = ctx.clock.now();
  const email = body.email.trim().toLowerCase();
  assertStrongPassword('password', body.password, [email, body.name ?? '']);
  const passwordHash = await hashPassword(body.password);
  return ctx.store.transaction(async (tx) => {
    if (await findUserByEmail(tx, email))
      throw new ConflictError(`a user with email ${email} exists`, 'email');
    const row = await insertUser(tx, {
      email,
      name: body.name?.trim() || email.split('@')[0] || email,
      role: body.role,
      password_hash: passwordHash,
      disabled_at: null,
      created_at: now,
      updated_at: now,
    });
    await appendAudit(tx, {
      at: now,
      actorId: caller?.userId ?? null,
      action: 'user.create',
      targetType: 'user',
      targetId: row.id,
      data: { email, role: body.role, via: caller ? 'api' : 'cli' },
    });
    return viewUser(row);
  });
}

/** Change a user's name, role, password or disabled state (admins). Audited. */
export async function updateUser(
  ctx: AppContext,
  caller: Caller,
  id: number,
  body: UpdateUserBody,
): Promise<User> {
  const now = ctx.clock.now();
  if (body.password) assertStrongPassword('password', body.password);
  const passwordHash = body.password ? await hashPassword(body.password) : undefined;
  const user = await ctx.store.transaction(async (tx) => {
    const row = await findUserById(tx, id);
    if (!row) throw new NotFoundError(`user ${id}`);
    const demotes = (body.role !== undefined && body.role !== 'admin') || body.disabled === true;
    if (row.role === 'admin' && row.disabled_at === null && demotes && (await countActiveAdmins(tx)) <= 1) {
      throw new ConflictError(
        'cannot demote or disable the last active admin',
        body.role ? 'role' : 'disabled',
      );
    }
    const updated = await updateUserRow(tx, id, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.role !== undefined ? { role: body.role } : {}),
      ...(body.disabled !== undefined
        ? { disabled_at: body.disabled ? (row.disabled_at ?? now) : null }
        : {}),
      // A password set by an admin ends a pending invitation too.
      ...(passwordHash ? { password_hash: passwordHash, invited_at: null } : {}),
      updated_at: now,
    });
    if (!updated) throw new NotFoundError(`user ${id}`);
    if (body.disabled === true || passwordHash) await deleteSessionsOf(tx, id);
    const { password: _password, ...shown } = body;
    await appendAudit(tx, {
      at: now,
      actorId: caller.userId,
      action: 'user.update',
      targetType: 'user',
      targetId: id,
      data: {
        ...shown,
        ...(passwordHash ? { passwordChanged: true } : {}),
        before: { name: row.name, role: row.role, disabled: row.disabled_at !== null },
      },
    });
    return viewUser(updated);
  });
  if (body.password) ctx.onPasswordChanged?.(id);
  return user;
}

/** A signed-in user changes their own password; every session of theirs ends. */
export async function changeOwnPassword(
  ctx: AppContext,
  caller: Caller,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const row = await findUserById(ctx.store.db, caller.userId);
  if (!row || !(await verifyPassword(row.password_hash, currentPassword))) {
    throw new ValidationError('currentPassword', 'is not your current password');
  }
  assertStrongPassword('newPassword', newPassword, [row.email, row.name]);
  const passwordHash = await hashPassword(newPassword);
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    await updateUserRow(tx, caller.userId, { password_hash: passwordHash, updated_at: now });
    await deleteSessionsOf(tx, caller.userId);
    await appendAudit(tx, {
      at: now,
      actorId: caller.userId,
      action: 'user.password',
      targetType: 'user',
      targetId: caller.userId,
    });
  });
  ctx.onPasswordChanged?.(caller.userId);
}
