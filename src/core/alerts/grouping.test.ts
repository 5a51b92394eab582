import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES, MAX_GROUP_KEY_LENGTH, groupKeyOf } from './grouping.js';

describe('groupKeyOf', () => {
  const byCluster = { ...DEFAULT_ALERT_RULES, grouping: 'labels' as const, groupBy: ['cluster'] };

  it('keeps short keys as written', () => {
    expect(groupKeyOf(byCluster, 'k', { cluster: 'eu' })).toBe('cluster=eu');
    expect(groupKeyOf({ ...DEFAULT_ALERT_RULES, grouping: 'alert' }, 'k', {})).toBe('alert:k');
    expect(groupKeyOf(DEFAULT_ALERT_RULES, 'k', { cluster: 'eu' })).toBe('');
  });

  it('bounds long keys: a prefix and a hash, equal for equal keys, different for different ones', () => {
    const long = (tail: string) => groupKeyOf(byCluster, 'k', { cluster: `${'x'.repeat(5000)}${tail}` });
    expect(long('a').length).toBeLessThanOrEqual(MAX_GROUP_KEY_LENGTH);
    expect(long('a')).toBe(long('a'));
    expect(long('a')).not.toBe(long('b'));
    expect(long('a').startsWith('cluster=xxx')).toBe(true);
  });

  it('never cuts a surrogate pair in half', () => {
    for (let pad = 0; pad < 4; pad++) {
      const key = groupKeyOf(byCluster, 'k', { cluster: `${'a'.repeat(pad)}${'😀'.repeat(300)}` });
      expect(() => encodeURIComponent(key)).not.toThrow();
    }
  });
});
