import type { Role } from '../../core/roles.js';
import { UnauthenticatedError } from '../../core/errors.js';
import {
  deleteSession,
  findLiveApiToken,
  findSession,
  insertSession,
  touchApiToken,
} from '../store/queries/credentials.js';
import { findUserByEmail } from '../store/queries/users.js';
import type { UserRow } from '../store/schema.js';
import type { AppContext, Caller } from './context.js';
import { randomSecret, secretHash, verifyDecoy, verifyPassword } from './secrets.js';

function callerOf(user: UserRow, tokenId?: number): Caller {
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    role: user.role as Role,
    ...(tokenId ? { tokenId } : {}),
  };
}

/** Check email and password and open a browser session; returns the cookie secret. */
export async function signIn(
  ctx: AppContext,
  email: string,
  password: string,
  sessionHours: number,
): Promise<{ sessionToken: string; csrfToken: string; user: UserRow }> {
  const user = await findUserByEmail(ctx.store.db, email);
  if (!user) {
    await verifyDecoy(password);
    throw new UnauthenticatedError('wrong email or password');
  }
  if (!(await verifyPassword(user.password_hash, password)) || user.disabled_at !== null) {
    throw new UnauthenticatedError('wrong email or password');
  }
  const sessionToken = randomSecret(32);
  const csrfToken = randomSecret(24);
  const now = ctx.clock.now();
  await insertSession(ctx.store.db, {
    token_hash: secretHash(sessionToken),
    user_id: user.id,
    csrf_token: csrfToken,
    created_at: now,
    expires_at: now + sessionHours * 3_600_000,
  });
  return { sessionToken, csrfToken, user };
}

/** End a browser session. */
export async function signOut(ctx: AppContext, sessionToken: string): Promise<void> {
  await deleteSession(ctx.store.db, secretHash(sessionToken));
}

/** The caller behind a session cookie, with the CSRF token it must echo; undefined if none. */
export async function callerFromSession(ctx: AppContext, sessionToken: string) {
  const row = await findSession(ctx.store.db, secretHash(sessionToken), ctx.clock.now());
  if (!row || row.disabled_at !== null) return undefined;
  return { caller: callerOf(row), csrfToken: row.csrf_token, user: row };
}

/** The caller behind an API token; undefined when unknown, revoked or expired. */
export async function callerFromToken(ctx: AppContext, token: string) {
  const now = ctx.clock.now();
  const row = await findLiveApiToken(ctx.store.db, secretHash(token), now);
  if (!row || row.disabled_at !== null) return undefined;
  // Recording use at minute granularity keeps reads from turning into writes on every request.
  if (row.last_used_at === null || now - row.last_used_at > 60_000)
    await touchApiToken(ctx.store.db, row.token_id, now);
  return { caller: callerOf(row, row.token_id), user: row };
}
