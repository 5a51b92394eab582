/**
 * A provider's "too many requests" (Twilio and Telegram 429): the message is not lost but sent
 * again through the outbox, no sooner than the provider asked (`retryAfterMs`, when it said).
 */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

/** The wait a `Retry-After` header asks for (seconds or an HTTP date), in ms from `now`. */
export function retryAfterHeaderMs(value: string | string[] | undefined, now: number): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
