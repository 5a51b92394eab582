import { randomInt } from 'node:crypto';
import type { DisableTwoFactorBody, TotpEnrolment, TwoFactorStatus } from '../../core/schemas/two-factor.js';
import { ConflictError, NotFoundError, UnauthenticatedError, ValidationError } from '../../core/errors.js';
import { appendAudit } from '../store/queries/audit.js';
import {
  countRecoveryCodesLeft,
  disableTotp,
  enableTotp,
  replaceRecoveryCodes,
  setPendingTotpSecret,
  useRecoveryCode,
  useTotpStep,
} from '../store/queries/two-factor.js';
import { findUserByEmail, findUserById } from '../store/queries/users.js';
import type { UserRow } from '../store/schema.js';
import type { Executor } from '../store/store.js';
import type { AppContext, Caller } from './context.js';
import { secretHash, verifyPassword } from './secrets.js';
import { getSettings } from './settings.js';
import { newTotpSecret, totpStepOf, totpUri } from './totp.js';

const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten fresh single-use recovery codes (`xxxxx-xxxxx`, 49 bits each). */
function newRecoveryCodes(): string[] {
  const part = () =>
    Array.from({ length: 5 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => `${part()}-${part()}`);
}

/** What a recovery code is stored as: typed case and dashes do not matter. */
function recoveryCodeHash(code: string): string {
  return secretHash(code.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

/** Whether a user has two-factor turned on. */
export function hasTwoFactor(user: UserRow): boolean {
  return user.totp_enabled_at !== null && user.totp_secret !== null;
}

/** Start (or restart) enrolment: a new secret that stays inactive until a code confirms it. */
export async function startTotpEnrolment(tx: Executor, user: UserRow): Promise<TotpEnrolment> {
  if (hasTwoFactor(user)) throw new ConflictError('two-factor authentication is already on');
  const secret = newTotpSecret();
  await setPendingTotpSecret(tx, user.id, secret);
  return { secret, uri: totpUri(secret, user.email) };
}

/** Confirm the pending secret with a code from the app; turns two-factor on and returns new recovery codes. */
export async function confirmTotpEnrolment(
  tx: Executor,
  user: UserRow,
  code: string,
  now: number,
): Promise<string[]> {
  if (hasTwoFactor(user)) throw new ConflictError('two-factor authentication is already on');
  if (user.totp_secret === null) throw new ConflictError('start two-factor set-up first');
  const step = totpStepOf(user.totp_secret, code, now);
  if (step === undefined)
    throw new ValidationError('code', 'is not the current code of your authenticator app');
  await enableTotp(tx, user.id, now, step);
  const codes = newRecoveryCodes();
  await replaceRecoveryCodes(tx, user.id, codes.map(recoveryCodeHash));
  await appendAudit(tx, {
    at: now,
    actorId: user.id,
    action: 'user.2fa.enable',
    targetType: 'user',
    targetId: user.id,
  });
  return codes;
}

/**
 * Check a second factor: a current authenticator code not used before, or an unused recovery
 * code (which is then used up). False when neither.
 */
export async function verifySecondFactor(
  tx: Executor,
  user: UserRow,
  code: string,
  now: number,
): Promise<boolean> {
  if (!hasTwoFactor(user) || user.totp_secret === null) return false;
  const trimmed = code.replace(/\s/g, '');
  const step = totpStepOf(user.totp_secret, trimmed, now);
  if (step !== undefined) return useTotpStep(tx, user.id, step);
  return useRecoveryCode(tx, user.id, recoveryCodeHash(trimmed), now);
}

async function ownRow(ctx: AppContext, caller: Caller, db: Executor = ctx.store.db): Promise<UserRow> {
  const row = await findUserById(db, caller.userId);
  if (!row) throw new UnauthenticatedError();
  return row;
}

/** The caller's two-factor state. */
export async function getTwoFactorStatus(ctx: AppContext, caller: Caller): Promise<TwoFactorStatus> {
  const row = await ownRow(ctx, caller);
  const { requireTwoFactor } = await getSettings(ctx.store.db);
  return {
    enabled: hasTwoFactor(row),
    required: requireTwoFactor,
    recoveryCodesLeft: await countRecoveryCodesLeft(ctx.store.db, row.id),
  };
}

/** The caller starts setting up two-factor. */
export async function startOwnTwoFactor(ctx: AppContext, caller: Caller): Promise<TotpEnrolment> {
  return ctx.store.transaction(async (tx) => startTotpEnrolment(tx, await ownRow(ctx, caller, tx)));
}

/** The caller confirms set-up with a code; returns the recovery codes (shown once). */
export async function confirmOwnTwoFactor(ctx: AppContext, caller: Caller, code: string): Promise<string[]> {
  return ctx.store.transaction(async (tx) =>
    confirmTotpEnrolment(tx, await ownRow(ctx, caller, tx), code, ctx.clock.now()),
  );
}

/** The caller turns two-factor off, proving it with their password or a current code. */
export async function disableOwnTwoFactor(
  ctx: AppContext,
  caller: Caller,
  body: DisableTwoFactorBody,
): Promise<void> {
  const row = await ownRow(ctx, caller);
  const now = ctx.clock.now();
  const isPasswordRight =
    body.password !== undefined && (await verifyPassword(row.password_hash, body.password));
  await ctx.store.transaction(async (tx) => {
    const isCodeRight = body.code !== undefined && (await verifySecondFactor(tx, row, body.code, now));
    if (!isPasswordRight && !isCodeRight) {
      const field = body.code !== undefined && body.password === undefined ? 'code' : 'password';
      throw new ValidationError(
        field,
        field === 'code' ? 'is not a valid code' : 'is not your current password',
      );
    }
    await disableTotp(tx, row.id);
    await appendAudit(tx, {
      at: now,
      actorId: row.id,
      action: 'user.2fa.disable',
      targetType: 'user',
      targetId: row.id,
    });
  });
}

/** The caller replaces their recovery codes (a current code proves it); returns the new ones. */
export async function renewOwnRecoveryCodes(
  ctx: AppContext,
  caller: Caller,
  code: string,
): Promise<string[]> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const row = await ownRow(ctx, caller, tx);
    if (!hasTwoFactor(row)) throw new ConflictError('two-factor authentication is off');
    if (!(await verifySecondFactor(tx, row, code, now)))
      throw new ValidationError('code', 'is not a valid code');
    const codes = newRecoveryCodes();
    await replaceRecoveryCodes(tx, row.id, codes.map(recoveryCodeHash));
    return codes;
  });
}

/** Turn off a user's two-factor (the `beacon user reset-two-factor` break-glass, run on the server); audited. */
export async function resetTwoFactorOf(ctx: AppContext, email: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const row = await findUserByEmail(tx, email.trim().toLowerCase());
    if (!row) throw new NotFoundError(`user ${email}`);
    await disableTotp(tx, row.id);
    await appendAudit(tx, {
      at: now,
      actorId: null,
      action: 'user.2fa.reset',
      targetType: 'user',
      targetId: row.id,
      data: { via: 'cli' },
    });
  });
}
