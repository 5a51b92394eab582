import { type Role, hasRole } from '../../core/roles.js';
import { UnauthenticatedError } from '../../core/errors.js';
import { appendAudit } from '../store/queries/audit.js';
import { insertOidcLogin, takeOidcLogin } from '../store/queries/oidc-logins.js';
import { countActiveAdmins, findUserByEmail, insertUser, updateUser } from '../store/queries/users.js';
import type { UserRow } from '../store/schema.js';
import type { Executor } from '../store/store.js';
import type { AppContext } from './context.js';
import { hashPassword } from './secrets.js';
import { randomSecret, secretHash } from './secrets.js';
import { type OpenedSession, openSession } from './sessions.js';

/** How long a browser may take at the provider. */
const LOGIN_MS = 10 * 60_000;

/** Who single sign-on lets in, and with which role. */
export interface OidcUserPolicy {
  defaultRole: Role;
  roleClaim: string | undefined;
  roleMap: Record<string, Role>;
}

/** Remember a login's state, nonce and PKCE verifier until the provider sends the browser back. */
export async function beginOidcLogin(
  ctx: AppContext,
  checks: { state: string; nonce: string; codeVerifier: string },
  nextPath: string,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction((tx) =>
    insertOidcLogin(
      tx,
      {
        state: secretHash(checks.state),
        nonce: checks.nonce,
        code_verifier: checks.codeVerifier,
        next_path: nextPath,
        expires_at: now + LOGIN_MS,
      },
      now,
    ),
  );
}

/** The login a callback's state belongs to, used up; undefined when unknown, used or expired. */
export async function takeOidcLoginChecks(ctx: AppContext, state: string) {
  const row = await ctx.store.transaction((tx) => takeOidcLogin(tx, secretHash(state), ctx.clock.now()));
  return row
    ? { state, nonce: row.nonce, codeVerifier: row.code_verifier, nextPath: row.next_path }
    : undefined;
}

/** The highest role the claim's values map to, if any. */
export function mappedRole(claims: Record<string, unknown>, policy: OidcUserPolicy): Role | undefined {
  if (!policy.roleClaim) return undefined;
  const value = claims[policy.roleClaim];
  const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
  const roles = values.map((v) => policy.roleMap[v]).filter((role): role is Role => role !== undefined);
  return roles.reduce<Role | undefined>(
    (best, role) => (!best || hasRole(role, best) ? role : best),
    undefined,
  );
}

/**
 * Sign in the person the provider vouched for: matched by verified email, created at first
 * sign-in with the mapped or default role; a mapped role is applied again at every sign-in.
 */
export async function signInWithOidc(
  ctx: AppContext,
  claims: Record<string, unknown>,
  policy: OidcUserPolicy,
  sessionHours: number,
): Promise<OpenedSession> {
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (!email) throw new UnauthenticatedError('the identity provider sent no email address');
  if (claims.email_verified !== true)
    throw new UnauthenticatedError('the identity provider has not verified this email address');
  const role = mappedRole(claims, policy);
  const name =
    typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 100) : undefined;
  // Nobody knows this password: the account signs in through the provider (or an admin sets one).
  const unusablePassword = await hashPassword(randomSecret(32));
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const user = await matchOrCreate(tx, {
      email,
      name,
      role: role ?? policy.defaultRole,
      isRoleMapped: role !== undefined,
      unusablePassword,
      now,
    });
    if (user.disabled_at !== null) throw new UnauthenticatedError('this account is disabled');
    return openSession(tx, user, now, sessionHours);
  });
}

async function matchOrCreate(
  tx: Executor,
  who: {
    email: string;
    name: string | undefined;
    role: Role;
    isRoleMapped: boolean;
    unusablePassword: string;
    now: number;
  },
): Promise<UserRow> {
  const existing = await findUserByEmail(tx, who.email);
  if (!existing) {
    const row = await insertUser(tx, {
      email: who.email,
      name: who.name ?? who.email.split('@')[0] ?? who.email,
      role: who.role,
      password_hash: who.unusablePassword,
      disabled_at: null,
      created_at: who.now,
      updated_at: who.now,
    });
    await appendAudit(tx, {
      at: who.now,
      actorId: null,
      action: 'user.create',
      targetType: 'user',
      targetId: row.id,
      data: { email: who.email, role: who.role, via: 'oidc' },
    });
    return row;
  }
  const isLastAdmin = existing.role === 'admin' && (await countActiveAdmins(tx)) <= 1;
  if (!who.isRoleMapped || existing.role === who.role || isLastAdmin) return existing;
  const updated = await updateUser(tx, existing.id, { role: who.role, updated_at: who.now });
  await appendAudit(tx, {
    at: who.now,
    actorId: null,
    action: 'user.update',
    targetType: 'user',
    targetId: existing.id,
    data: { role: who.role, via: 'oidc' },
  });
  return updated ?? existing;
}
