import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES, MAX_GROUP_KEY_LENGTH, alertCaption, groupKeyOf } from './grouping.js';

describe('groupKeyOf', () => {
  const byCluster = { ...DEFAULT_ALERT_RULES, grouping: 'labels' as const, groupBy: ['cluster'] };

  it('keeps short keys as written', () => {
    expect(groupKeyOf(byCluster, { dedupKey: 'k', labels: { cluster: 'eu' } })).toBe('cluster=eu');
    expect(groupKeyOf({ ...DEFAULT_ALERT_RULES, grouping: 'alert' }, { dedupKey: 'k', labels: {} })).toBe(
      'alert:k',
    );
    expect(groupKeyOf({ ...DEFAULT_ALERT_RULES, grouping: 'service' }, { dedupKey: 'k', labels: {} })).toBe(
      '',
    );
  });

  it('bounds long keys: a prefix and a hash, equal for equal keys, different for different ones', () => {
    const long = (tail: string) =>
      groupKeyOf(byCluster, { dedupKey: 'k', labels: { cluster: `${'x'.repeat(5000)}${tail}` } });
    expect(long('a').length).toBeLessThanOrEqual(MAX_GROUP_KEY_LENGTH);
    expect(long('a')).toBe(long('a'));
    expect(long('a')).not.toBe(long('b'));
    expect(long('a').startsWith('cluster=xxx')).toBe(true);
  });

  it('groups by the source group, else the alert name, else the alert itself, by default', () => {
    const key = (alert: Parameters<typeof groupKeyOf>[1]) => groupKeyOf(DEFAULT_ALERT_RULES, alert);
    expect(DEFAULT_ALERT_RULES.grouping).toBe('alertname');
    expect(key({ dedupKey: 'a', labels: { alertname: 'DiskFull', instance: 'db-1' } })).toBe(
      key({ dedupKey: 'b', labels: { alertname: 'DiskFull', instance: 'db-2' } }),
    );
    expect(key({ dedupKey: 'a', labels: { alertname: 'DiskFull' } })).not.toBe(
      key({ dedupKey: 'c', labels: { alertname: 'HighLatency' } }),
    );
    expect(key({ dedupKey: 'p', labels: { class: 'disk' } })).toBe('alertname=disk');
    expect(key({ dedupKey: 'x', labels: {} })).toBe('alert:x');
    expect(key({ dedupKey: 'a', labels: { alertname: 'DiskFull' }, sourceGroupKey: '{}:{team="db"}' })).toBe(
      'group:{}:{team="db"}',
    );
  });

  it('captions an alert with its name unless the summary already starts with it', () => {
    expect(alertCaption({ labels: { alertname: 'DiskFull' }, summary: 'Disk full on db-1' })).toBe(
      'DiskFull: Disk full on db-1',
    );
    expect(alertCaption({ labels: { alertname: 'Watchdog' }, summary: 'Watchdog' })).toBe('Watchdog');
    expect(alertCaption({ labels: {}, summary: 'Site down' })).toBe('Site down');
  });

  it('never cuts a surrogate pair in half', () => {
    for (let pad = 0; pad < 4; pad++) {
      const key = groupKeyOf(byCluster, {
        dedupKey: 'k',
        labels: { cluster: `${'a'.repeat(pad)}${'😀'.repeat(300)}` },
      });
      expect(() => encodeURIComponent(key)).not.toThrow();
    }
  });
});
