import { createHmac } from 'node:crypto';
import { type AccountLinkPurpose, INVITE_TTL_MS, RESET_TTL_MS } from '../../core/auth/account-links.js';
import type { AccountMail } from '../../core/schemas/account-links.js';
import { insertAccountLink, revokeAccountLinks } from '../store/queries/account-links.js';
import { queueOutbox } from '../store/queries/notifications.js';
import type { Executor } from '../store/store.js';
import { randomSecret, secretHash } from './secrets.js';

/**
 * The secret of a link, derived from its salt with the server's signing key: the database
 * keeps only the salt and the secret's hash, and the mail sender derives the secret to send.
 */
export function accountLinkToken(signingSecret: string, salt: string): string {
  return createHmac('sha256', signingSecret).update(`account-link:${salt}`).digest('base64url');
}

/** The set-password page's address for a link (the secret after `#`, so no server logs it). */
export function accountLinkUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/set-password#token=${token}`;
}

/**
 * Make a new one-time link for a user, ending their earlier unused ones of the same purpose,
 * and queue its mail in the notification outbox, all in the caller's transaction.
 */
export async function sendAccountLink(
  tx: Executor,
  link: {
    user: { id: number; email: string };
    purpose: AccountLinkPurpose;
    createdBy: { userId: number; name: string } | null;
    signingSecret: string;
    now: number;
  },
): Promise<void> {
  const { user, purpose, now } = link;
  await revokeAccountLinks(tx, user.id, now, purpose);
  const salt = randomSecret(24);
  const expiresAt = now + (purpose === 'invite' ? INVITE_TTL_MS : RESET_TTL_MS);
  const row = await insertAccountLink(tx, {
    user_id: user.id,
    purpose,
    token_hash: secretHash(accountLinkToken(link.signingSecret, salt)),
    salt,
    created_by: link.createdBy?.userId ?? null,
    created_at: now,
    expires_at: expiresAt,
    used_at: null,
    revoked_at: null,
  });
  const account: AccountMail = {
    purpose,
    salt,
    expiresAt: new Date(expiresAt).toISOString(),
    invitedBy: purpose === 'invite' ? (link.createdBy?.name ?? null) : null,
  };
  await queueOutbox(
    tx,
    {
      user_id: user.id,
      contact_method_id: null,
      channel: 'email',
      address: user.email,
      kind: purpose === 'invite' ? 'invite' : 'password_reset',
      incident_id: null,
      payload: { items: [], account },
      dedupe_key: `account-link:${row.id}`,
    },
    now,
  );
}
