/** One limit on report intake: at most `max` reports per key in a fixed window of `windowMs`. */
export interface IntakeLimit {
  max: number;
  windowMs: number;
}

const MINUTE = 60_000;

/**
 * Limits of report intake. Anonymous senders (the public form, the support mailbox) are
 * limited per IP address and per email address; a token (a help desk, a chatbot) far higher.
 */
export const INTAKE_LIMITS = {
  perIp: { max: 5, windowMs: 10 * MINUTE },
  perEmail: { max: 5, windowMs: 10 * MINUTE },
  perToken: { max: 600, windowMs: MINUTE },
} as const satisfies Record<string, IntakeLimit>;

/** Seconds until a full window that began at `windowStart` ends (at least 1). */
export function secondsUntilWindowEnds(windowStart: number, limit: IntakeLimit, now: number): number {
  return Math.max(1, Math.ceil((windowStart + limit.windowMs - now) / 1000));
}

/** The reference customers see: `R-1042`. */
export function reportRef(number: number): string {
  return `R-${String(number)}`;
}

/** The number of a reference (`R-1042` or `1042`), or null when it is none. */
export function reportNumberOf(ref: string): number | null {
  const match = /^(?:R-)?([1-9][0-9]{0,8})$/i.exec(ref.trim());
  return match?.[1] === undefined ? null : Number(match[1]);
}
