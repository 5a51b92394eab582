import { describe, expect, it } from 'vitest';
import { THROTTLE_RULES, retryAfterSeconds, throttleDelayMs, throttleKeys } from './sign-in-throttle.js';

describe('sign-in throttle policy', () => {
  it('allows the free failures, then waits 1 s, doubling up to 15 minutes', () => {
    const pair = THROTTLE_RULES.pair;
    expect([4, 5, 6, 7, 8].map((n) => throttleDelayMs(pair, n))).toEqual([0, 1000, 2000, 4000, 8000]);
    expect(throttleDelayMs(pair, 15)).toBe(900_000);
    expect(throttleDelayMs(pair, 10_000)).toBe(900_000);
  });

  it('keys the account case-insensitively and announces whole seconds, at least one', () => {
    expect(throttleKeys(' Ana@Example.com ', '10.0.0.1')).toEqual({
      pair: 'pair:ana@example.com|10.0.0.1',
      address: 'address:10.0.0.1',
      account: 'account:ana@example.com',
    });
    expect(retryAfterSeconds(1_500, 0)).toBe(2);
    expect(retryAfterSeconds(10, 0)).toBe(1);
  });
});
