/**
 * One-time links to set a password (invitations and resets), as numbers:
 * `commands/account-links.ts` keeps the links in the database (`docs/authentication.md`).
 */

const HOUR = 3_600_000;

/** How long an invitation link works. */
export const INVITE_TTL_MS = 7 * 24 * HOUR;
/** How long a password reset link works. */
export const RESET_TTL_MS = HOUR;
/** Reset mails one account gets per hour at most; further requests are answered alike, unsent. */
export const RESET_MAILS_PER_HOUR = 3;
/** Reset requests one source address may make before it must wait an hour without trying. */
export const RESET_REQUESTS_PER_ADDRESS = 10;
/** The quiet period after which an address's reset requests are forgotten. */
export const RESET_ADDRESS_MEMORY_MS = HOUR;

/** What a link is for. */
export type AccountLinkPurpose = 'invite' | 'reset';
