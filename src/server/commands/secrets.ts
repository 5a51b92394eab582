import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** Hash a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Check a password against its argon2 hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A fixed hash to verify against when the user does not exist, so timing does not tell.
let decoyHash: Promise<string> | undefined;
/** Spend the same time as a real password check (for unknown users). */
export async function verifyDecoy(password: string): Promise<void> {
  decoyHash ??= hash('decoy-password-never-used');
  await verifyPassword(await decoyHash, password);
}

/** A random URL-safe secret of `bytes` bytes. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 of a high-entropy secret (tokens, sessions): what the database stores. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * A client's IP address as stored and counted (report and subscribe limits): an HMAC under the
 * server's signing key. A plain hash would not hide it: every IPv4 address can be hashed in minutes.
 */
export function clientIpHash(signingSecret: string, ip: string): string {
  return createHmac('sha256', signingSecret).update(`client-ip:${ip}`).digest('hex');
}

/** Compare two strings in constant time. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
