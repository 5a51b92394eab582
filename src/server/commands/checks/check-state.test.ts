import { describe, expect, it } from 'vitest';
import { CONFIRM_RETRY_MS, nextCheckState } from './check-state.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const http = {
  type: 'http',
  status: 'up',
  consecutive_failures: 0,
  retries: 2,
  interval_seconds: 60,
} as const;

describe('check state', () => {
  it('confirms a failure with `retries` quicker runs before going down and triggering once', () => {
    const first = nextCheckState(http, false, NOW);
    expect(first).toEqual({
      status: 'up',
      consecutiveFailures: 1,
      nextRunAt: NOW + CONFIRM_RETRY_MS,
      alert: null,
    });
    const second = nextCheckState({ ...http, consecutive_failures: 1 }, false, NOW);
    expect(second).toMatchObject({ status: 'up', consecutiveFailures: 2, alert: null });
    const third = nextCheckState({ ...http, consecutive_failures: 2 }, false, NOW);
    expect(third).toEqual({
      status: 'down',
      consecutiveFailures: 3,
      nextRunAt: NOW + 60_000,
      alert: 'trigger',
    });
    const fourth = nextCheckState({ ...http, status: 'down', consecutive_failures: 3 }, false, NOW);
    expect(fourth).toMatchObject({ status: 'down', alert: null });
  });

  it('retries no later than the interval when it is shorter than the confirmation delay', () => {
    expect(nextCheckState({ ...http, interval_seconds: 5 }, false, NOW).nextRunAt).toBe(NOW + 5000);
  });

  it('goes down at once with no retries, and for a silent heartbeat whatever its retries', () => {
    expect(nextCheckState({ ...http, retries: 0 }, false, NOW).alert).toBe('trigger');
    expect(nextCheckState({ ...http, type: 'heartbeat', status: 'pending' }, false, NOW)).toMatchObject({
      status: 'down',
      alert: 'trigger',
    });
  });

  it('resolves only when a down check succeeds', () => {
    expect(nextCheckState({ ...http, status: 'down', consecutive_failures: 5 }, true, NOW)).toEqual({
      status: 'up',
      consecutiveFailures: 0,
      nextRunAt: NOW + 60_000,
      alert: 'resolve',
    });
    expect(nextCheckState({ ...http, consecutive_failures: 1 }, true, NOW).alert).toBeNull();
    expect(nextCheckState({ ...http, status: 'pending' }, true, NOW)).toMatchObject({
      status: 'up',
      alert: null,
    });
  });
});
