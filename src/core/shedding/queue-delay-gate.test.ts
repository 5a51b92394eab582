import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { QueueDelayGate } from './queue-delay-gate.js';

const policy = { targetMs: 100, intervalMs: 100, maxRetryAfterSeconds: 30 };
const empty = { oldestSince: undefined, backlog: 0, drainPerSecond: undefined };

describe('QueueDelayGate', () => {
  it('admits while nothing waits, however long', () => {
    const clock = new ManualClock();
    const gate = new QueueDelayGate(policy);
    for (let i = 0; i < 5; i++) {
      clock.advance(10_000);
      expect(gate.admit(clock.now(), empty)).toEqual({ isAdmitted: true });
    }
  });

  it('admits a burst whose oldest entry waits no longer than target plus interval', () => {
    const clock = new ManualClock();
    const gate = new QueueDelayGate(policy);
    const since = clock.now();
    gate.admit(clock.now(), empty);
    clock.advance(199);
    expect(gate.admit(clock.now(), { oldestSince: since, backlog: 5_000, drainPerSecond: 10_000 })).toEqual({
      isAdmitted: true,
    });
  });

  it('refuses once the oldest entry has stayed above target for the interval, with the drain time as Retry-After', () => {
    const clock = new ManualClock();
    const gate = new QueueDelayGate(policy);
    const since = clock.now();
    clock.advance(200);
    expect(gate.admit(clock.now(), { oldestSince: since, backlog: 25_000, drainPerSecond: 10_000 })).toEqual({
      isAdmitted: false,
      retryAfterSeconds: 3,
    });
  });

  it('counts the interval from the last time the queue was seen under target', () => {
    const clock = new ManualClock();
    const gate = new QueueDelayGate(policy);
    const since = clock.now();
    clock.advance(150);
    // The writer took the old head; the new head joined 50 ms ago: under target again.
    gate.observe(clock.now(), { oldestSince: clock.now() - 50 });
    clock.advance(100);
    const state = { oldestSince: since + 100, backlog: 10, drainPerSecond: 1_000 };
    expect(gate.admit(clock.now(), state).isAdmitted).toBe(true);
    clock.advance(50);
    expect(gate.admit(clock.now(), state)).toEqual({ isAdmitted: false, retryAfterSeconds: 1 });
  });

  it('recovers as soon as the wait falls under target', () => {
    const clock = new ManualClock();
    const gate = new QueueDelayGate(policy);
    const since = clock.now();
    clock.advance(1_000);
    expect(gate.admit(clock.now(), { oldestSince: since, backlog: 10, drainPerSecond: 1 }).isAdmitted).toBe(
      false,
    );
    expect(
      gate.admit(clock.now(), { oldestSince: clock.now() - 20, backlog: 10, drainPerSecond: 1 }),
    ).toEqual({
      isAdmitted: true,
    });
  });

  it('says to retry after the wait so far when no commit has been measured, capped', () => {
    const clock = new ManualClock();
    const gate = new QueueDelayGate(policy);
    const since = clock.now();
    clock.advance(4_200);
    expect(gate.admit(clock.now(), { oldestSince: since, backlog: 1, drainPerSecond: undefined })).toEqual({
      isAdmitted: false,
      retryAfterSeconds: 5,
    });
    clock.advance(100_000);
    expect(gate.admit(clock.now(), { oldestSince: since, backlog: 1, drainPerSecond: 0 })).toEqual({
      isAdmitted: false,
      retryAfterSeconds: 30,
    });
  });
});
