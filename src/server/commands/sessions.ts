import type { Role } from '../../core/roles.js';
import type { TotpEnrolment } from '../../core/schemas/two-factor.js';
import { UnauthenticatedError, ValidationError } from '../../core/errors.js';
import {
  deleteSession,
  findLiveApiToken,
  findSession,
  insertSession,
  touchApiToken,
} from '../store/queries/credentials.js';
import {
  countChallengeAttempt,
  deleteSignInChallenge,
  findSignInChallenge,
  insertSignInChallenge,
} from '../store/queries/two-factor.js';
import { findUserByEmail } from '../store/queries/users.js';
import type { UserRow } from '../store/schema.js';
import type { Executor } from '../store/store.js';
import type { AppContext, Caller } from './context.js';
import { randomSecret, secretHash, verifyDecoy, verifyPassword } from './secrets.js';
import { getSettings } from './settings.js';
import { assertNotThrottled, recordSignInFailure, recordSignInSuccess } from './sign-in-throttle.js';
import { confirmTotpEnrolment, hasTwoFactor, startTotpEnrolment, verifySecondFactor } from './two-factor.js';

/** How long the second step of a sign-in may take. */
const CHALLENGE_MS = 5 * 60_000;
/** Wrong codes allowed on one challenge before the password must be entered again. */
const CHALLENGE_ATTEMPTS = 5;

function callerOf(user: UserRow, tokenId?: number): Caller {
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    role: user.role as Role,
    ...(tokenId ? { tokenId } : {}),
  };
}

/** A new browser session: the cookie secret and the CSRF token. */
export interface OpenedSession {
  sessionToken: string;
  csrfToken: string;
  user: UserRow;
}

/** A correct password whose session waits for a second step. */
export interface PendingSignIn {
  challengeToken: string;
  step: 'code' | 'enrol';
  enrolment?: TotpEnrolment;
}

/** Open a browser session for `user` (password or single sign-on). */
export async function openSession(
  db: Executor,
  user: UserRow,
  now: number,
  sessionHours: number,
): Promise<OpenedSession> {
  const sessionToken = randomSecret(32);
  const csrfToken = randomSecret(24);
  await insertSession(db, {
    token_hash: secretHash(sessionToken),
    user_id: user.id,
    csrf_token: csrfToken,
    created_at: now,
    expires_at: now + sessionHours * 3_600_000,
  });
  return { sessionToken, csrfToken, user };
}

/**
 * Check email and password, throttled per account and source address. Opens a session, or
 * (two-factor on, or required by the settings) returns the challenge of the second step.
 */
export async function signIn(
  ctx: AppContext,
  attempt: { email: string; password: string; address: string },
  sessionHours: number,
  isPasswordAllowed: (user: UserRow) => boolean = () => true,
): Promise<OpenedSession | PendingSignIn> {
  await assertNotThrottled(ctx, attempt);
  const user = await findUserByEmail(ctx.store.db, attempt.email);
  // An invited user has no password yet: spend the same time as for a real one.
  if (!user || user.password_hash === '') await verifyDecoy(attempt.password);
  const isRight = user !== undefined && (await verifyPassword(user.password_hash, attempt.password));
  if (!user || !isRight || user.disabled_at !== null) {
    await recordSignInFailure(ctx, attempt);
    throw new UnauthenticatedError('wrong email or password');
  }
  await recordSignInSuccess(ctx, attempt);
  if (!isPasswordAllowed(user)) {
    throw new UnauthenticatedError('this account signs in with single sign-on');
  }
  const now = ctx.clock.now();
  const { requireTwoFactor } = await getSettings(ctx.store.db);
  if (!hasTwoFactor(user) && !requireTwoFactor) return openSession(ctx.store.db, user, now, sessionHours);
  return ctx.store.transaction(async (tx) => {
    const step = hasTwoFactor(user) ? 'code' : 'enrol';
    const challengeToken = randomSecret(32);
    await insertSignInChallenge(tx, {
      token_hash: secretHash(challengeToken),
      user_id: user.id,
      purpose: step,
      address: attempt.address,
      attempts: 0,
      expires_at: now + CHALLENGE_MS,
    });
    if (step === 'code') return { challengeToken, step };
    return { challengeToken, step, enrolment: await startTotpEnrolment(tx, user) };
  });
}

/**
 * The second step: a code (or a recovery code) for a challenge, or the first code of the
 * enrolment it asked for. Opens the session; enrolment also returns the recovery codes.
 */
export async function completeSignIn(
  ctx: AppContext,
  body: { token: string; code: string },
  sessionHours: number,
): Promise<OpenedSession & { recoveryCodes?: string[] }> {
  const tokenHash = secretHash(body.token);
  const now = ctx.clock.now();
  const challenge = await findSignInChallenge(ctx.store.db, tokenHash, now);
  if (!challenge || challenge.disabled_at !== null)
    throw new UnauthenticatedError('the sign-in has expired; enter your password again');
  const attempt = { email: challenge.email, address: challenge.address };
  await assertNotThrottled(ctx, attempt);
  const result = await ctx.store
    .transaction(async (tx) => {
      if (challenge.purpose === 'enrol') {
        const recoveryCodes = await confirmTotpEnrolment(tx, challenge, body.code, now);
        await deleteSignInChallenge(tx, tokenHash, now);
        return { ...(await openSession(tx, challenge, now, sessionHours)), recoveryCodes };
      }
      if (!(await verifySecondFactor(tx, challenge, body.code, now)))
        throw new ValidationError('code', 'is wrong or already used');
      await deleteSignInChallenge(tx, tokenHash, now);
      return openSession(tx, challenge, now, sessionHours);
    })
    .catch(async (error: unknown) => {
      if (error instanceof ValidationError) await countWrongCode(ctx, tokenHash, challenge.attempts, attempt);
      throw error;
    });
  return result;
}

/** A wrong code counts as a failed sign-in; too many end the challenge. */
async function countWrongCode(
  ctx: AppContext,
  tokenHash: string,
  attemptsBefore: number,
  attempt: { email: string; address: string },
): Promise<void> {
  await recordSignInFailure(ctx, attempt);
  await ctx.store.transaction(async (tx) => {
    if (attemptsBefore + 1 >= CHALLENGE_ATTEMPTS) await deleteSignInChallenge(tx, tokenHash, ctx.clock.now());
    else await countChallengeAttempt(tx, tokenHash);
  });
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
