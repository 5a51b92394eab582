import { describe, expect, it } from 'vitest';
import { labelFingerprint } from './fingerprint.js';
import { DEFAULT_ALERT_RULES, groupKeyOf, recordStateChange } from './grouping.js';
import { incidentSeverityOf, severityFromWord, worseSeverity } from './alert-event.js';

describe('labelFingerprint', () => {
  it('ignores label order and tells label sets apart', () => {
    const a = labelFingerprint({ alertname: 'HighLatency', job: 'api', instance: 'a:9090' });
    const b = labelFingerprint({ instance: 'a:9090', job: 'api', alertname: 'HighLatency' });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(labelFingerprint({ alertname: 'HighLatency', job: 'api', instance: 'b:9090' })).not.toBe(a);
    // Moving a character between name and value must change the hash.
    expect(labelFingerprint({ ab: 'c' })).not.toBe(labelFingerprint({ a: 'bc' }));
  });
});

describe('grouping', () => {
  it('groups by service, by chosen labels, or one group per alert', () => {
    const labels = { alertname: 'Down', cluster: 'eu-1', pod: 'p1' };
    expect(groupKeyOf(DEFAULT_ALERT_RULES, 'k1', labels)).toBe('');
    expect(
      groupKeyOf(
        { ...DEFAULT_ALERT_RULES, grouping: 'labels', groupBy: ['alertname', 'cluster'] },
        'k1',
        labels,
      ),
    ).toBe('alertname=Down,cluster=eu-1');
    expect(groupKeyOf({ ...DEFAULT_ALERT_RULES, grouping: 'alert' }, 'k1', labels)).toBe('alert:k1');
  });

  it('marks an alert flapping once it changes state more than K times in W minutes', () => {
    const rules = { flapChanges: 3, flapWindowMinutes: 10 };
    let history: number[] = [];
    const flags: boolean[] = [];
    for (const minute of [0, 1, 2, 3]) {
      const next = recordStateChange(history, minute * 60_000, rules);
      history = next.history;
      flags.push(next.isFlapping);
    }
    expect(flags).toEqual([false, false, false, true]);
    // Changes older than the window no longer count.
    expect(recordStateChange(history, 30 * 60_000, rules).isFlapping).toBe(false);
  });
});

describe('alert severities', () => {
  it('reads the words monitoring tools use', () => {
    expect(severityFromWord('page')).toBe('critical');
    expect(severityFromWord('WARNING')).toBe('warning');
    expect(severityFromWord(undefined)).toBe('warning');
    expect(worseSeverity('warning', 'critical')).toBe('critical');
    expect(incidentSeverityOf('error')).toBe('SEV2');
  });
});
