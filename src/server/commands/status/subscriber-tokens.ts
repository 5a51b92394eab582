import { createHmac } from 'node:crypto';

/**
 * A subscriber's token (in their confirm, manage and unsubscribe links), derived from their salt
 * with the server's signing key: the database keeps the salt and the token's hash, never the
 * token, so a copy of the database links to nobody's subscription.
 */
export function subscriberToken(signingSecret: string, salt: string): string {
  return createHmac('sha256', signingSecret).update(`status-subscriber:${salt}`).digest('base64url');
}

/** The key a webhook subscriber's deliveries are signed with (`X-Beacon-Signature`), from the same salt. */
export function subscriberSigningKey(signingSecret: string, salt: string): string {
  return `whsec_${createHmac('sha256', signingSecret).update(`status-webhook:${salt}`).digest('base64url')}`;
}

/** Where a subscriber confirms, chooses components and unsubscribes. */
export function subscriptionUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/status/subscriptions/${token}`;
}

/** The one-click unsubscribe address (RFC 8058): a POST there unsubscribes at once. */
export function unsubscribeUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/status/subscriptions/${token}/unsubscribe`;
}

/** Whether a path segment can be a token at all (43 base64url characters). */
export function isTokenShaped(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
