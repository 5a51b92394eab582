import { describe, expect, it } from 'vitest';
import { DrainRate } from './drain-rate.js';

describe('DrainRate', () => {
  it('is unknown before the first batch, then that batch’s rate', () => {
    const rate = new DrainRate();
    expect(rate.perSecond).toBeUndefined();
    rate.record(500, 100);
    expect(rate.perSecond).toBe(5_000);
  });

  it('follows a slowdown within a few half-lives of writing time', () => {
    const rate = new DrainRate(1_000);
    rate.record(10_000, 1_000);
    rate.record(100, 1_000);
    expect(rate.perSecond).toBeCloseTo(5_050);
    rate.record(100, 1_000);
    rate.record(100, 1_000);
    expect(rate.perSecond).toBeLessThan(1_500);
  });

  it('treats a batch written in no measurable time as taking a millisecond', () => {
    const rate = new DrainRate();
    rate.record(3, 0);
    expect(rate.perSecond).toBe(3_000);
  });
});
