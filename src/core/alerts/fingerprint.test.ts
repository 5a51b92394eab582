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

  it('is FNV-1a 64 over the UTF-8 bytes, for any text', () => {
    expect(labelFingerprint({})).toBe('cbf29ce484222325'); // the offset basis
    const pieces = [
      'a',
      'job',
      'é',
      'ß',
      '中',
      '😀',
      '\ud800',
      '\udc00',
      ' ',
      '\u0000',
      '\uffff',
      'x'.repeat(40),
    ];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const text = () => Array.from({ length: random(6) }, () => pieces[random(pieces.length)]).join('');
    for (let i = 0; i < 2_000; i++) {
      const labels: Record<string, string> = {};
      for (let j = random(5); j >= 0; j--) labels[text()] = text();
      expect(labelFingerprint(labels)).toBe(referenceFingerprint(labels));
    }
  });
});

/** The textbook form: BigInt arithmetic over TextEncoder bytes. */
function referenceFingerprint(labels: Record<string, string>): string {
  let hash = 0xcbf29ce484222325n;
  const feed = (byte: number) => {
    hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  };
  for (const name of Object.keys(labels).sort()) {
    for (const part of [name, labels[name] ?? '']) {
      for (const byte of new TextEncoder().encode(part)) feed(byte);
      feed(0xff);
    }
  }
  return hash.toString(16).padStart(16, '0');
}

describe('grouping', () => {
  it('groups by service, by chosen labels, or one group per alert', () => {
    const labels = { alertname: 'Down', cluster: 'eu-1', pod: 'p1' };
    const alert = { dedupKey: 'k1', labels };
    expect(groupKeyOf({ ...DEFAULT_ALERT_RULES, grouping: 'service' }, alert)).toBe('');
    expect(
      groupKeyOf({ ...DEFAULT_ALERT_RULES, grouping: 'labels', groupBy: ['alertname', 'cluster'] }, alert),
    ).toBe('alertname=Down,cluster=eu-1');
    expect(groupKeyOf({ ...DEFAULT_ALERT_RULES, grouping: 'alert' }, alert)).toBe('alert:k1');
    expect(groupKeyOf(DEFAULT_ALERT_RULES, alert)).toBe('alertname=Down');
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
