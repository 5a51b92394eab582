import { Secret, TOTP } from 'otpauth';

/** Seconds per TOTP step (RFC 6238; what every authenticator app uses). */
export const TOTP_PERIOD_SECONDS = 30;

/** A fresh random TOTP secret (160 bits, base32). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secret: string, label: string): TOTP {
  return new TOTP({
    issuer: 'Beacon',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** The `otpauth://` URI an authenticator app scans or imports. */
export function totpUri(secret: string, label: string): string {
  return totpOf(secret, label).toString();
}

/**
 * The time step `code` belongs to when it is valid at `now` (one step of drift either way
 * allowed), else undefined. Callers refuse steps not after the last one used (replay).
 */
export function totpStepOf(secret: string, code: string, now: number): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totpOf(secret, '').validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return undefined;
  return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS) + delta;
}

/** The code of `secret` at `now` (tests and tools act as the authenticator app). */
export function totpCodeAt(secret: string, now: number): string {
  return totpOf(secret, '').generate({ timestamp: now });
}
