import type { ApiToken, CreateTokenBody, CreatedToken } from '../../core/schemas/access.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../core/errors.js';
import { appendAudit } from '../store/queries/audit.js';
import { findApiToken, insertApiToken, listApiTokens, revokeApiToken } from '../store/queries/credentials.js';
import { findUserByEmail, findUserById } from '../store/queries/users.js';
import type { ApiTokenRow } from '../store/schema.js';
import { type AppContext, type Caller, iso } from './context.js';
import { randomSecret, secretHash } from './secrets.js';

/** Every token starts with this, so leaked tokens are easy to spot and scan for. */
export const TOKEN_PREFIX = 'bcn_';

type TokenWithOwner = ApiTokenRow & { user_name: string; user_email: string };

function viewToken(row: TokenWithOwner): ApiToken {
  return {
    id: row.id,
    name: row.name,
    user: { id: row.user_id, name: row.user_name, email: row.user_email },
    prefix: row.prefix,
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  };
}

async function issueToken(
  ctx: AppContext,
  actorId: number | null,
  userId: number,
  name: string,
  expiresAt: number | null,
): Promise<CreatedToken> {
  const now = ctx.clock.now();
  if (expiresAt !== null && expiresAt <= now) throw new ValidationError('expiresAt', 'must be in the future');
  const token = TOKEN_PREFIX + randomSecret(32);
  return ctx.store.transaction(async (tx) => {
    const user = await findUserById(tx, userId);
    if (!user || user.disabled_at !== null)
      throw new ValidationError('userId', `no active user with id ${userId}`);
    const row = await insertApiToken(tx, {
      user_id: userId,
      name,
      token_hash: secretHash(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      created_at: now,
      expires_at: expiresAt,
      last_used_at: null,
      revoked_at: null,
    });
    await appendAudit(tx, {
      at: now,
      actorId,
      action: 'token.create',
      targetType: 'token',
      targetId: row.id,
      data: { name, userId, expiresAt: iso(expiresAt) },
    });
    return { ...viewToken({ ...row, user_name: user.name, user_email: user.email }), token };
  });
}

/** Create an API token (for the caller, or for another user when an admin asks). */
export function createToken(ctx: AppContext, caller: Caller, body: CreateTokenBody): Promise<CreatedToken> {
  const userId = body.userId ?? caller.userId;
  if (userId !== caller.userId && caller.role !== 'admin') {
    throw new ForbiddenError('only admins can create tokens for other users');
  }
  return issueToken(
    ctx,
    caller.userId,
    userId,
    body.name,
    body.expiresAt ? Date.parse(body.expiresAt) : null,
  );
}

/** Create a token for the user with `email` (local command line). */
export async function createTokenForEmail(
  ctx: AppContext,
  input: { email: string; name: string; expiresAt?: number | null },
): Promise<CreatedToken> {
  const user = await findUserByEmail(ctx.store.db, input.email);
  if (!user) throw new ValidationError('email', `no user with email ${input.email}`);
  return issueToken(ctx, null, user.id, input.name, input.expiresAt ?? null);
}

/** Tokens the caller may see: their own, or everyone's for an admin asking for all. */
export async function getTokens(ctx: AppContext, caller: Caller, all: boolean): Promise<ApiToken[]> {
  if (all && caller.role !== 'admin') throw new ForbiddenError('only admins can list every token');
  const rows = await listApiTokens(ctx.store.db, all ? undefined : caller.userId);
  return rows.map(viewToken);
}

/** Revoke a token at once (owner or admin). Audited. */
export async function revokeToken(ctx: AppContext, caller: Caller, id: number): Promise<void> {
  await revoke(ctx, caller.userId, id, (row) => row.user_id === caller.userId || caller.role === 'admin');
}

/** Every token, or one user's (local command line, no caller). */
export async function getTokensLocally(ctx: AppContext, email?: string): Promise<ApiToken[]> {
  let userId: number | undefined;
  if (email !== undefined) {
    const user = await findUserByEmail(ctx.store.db, email);
    if (!user) throw new ValidationError('email', `no user with email ${email}`);
    userId = user.id;
  }
  return (await listApiTokens(ctx.store.db, userId)).map(viewToken);
}

/** Revoke any token (local command line); audited without an actor. */
export async function revokeTokenLocally(ctx: AppContext, id: number): Promise<void> {
  await revoke(ctx, null, id, () => true);
}

async function revoke(
  ctx: AppContext,
  actorId: number | null,
  id: number,
  maySee: (row: { user_id: number }) => boolean,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const row = await findApiToken(tx, id);
    if (!row || !maySee(row)) throw new NotFoundError(`token ${id}`);
    await revokeApiToken(tx, id, now);
    await appendAudit(tx, {
      at: now,
      actorId,
      action: 'token.revoke',
      targetType: 'token',
      targetId: id,
      data: { name: row.name },
    });
  });
}
