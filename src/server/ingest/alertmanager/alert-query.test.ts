import { describe, expect, it } from 'vitest';
import type { OpenServiceAlert } from '../../commands/alerts/read-inbound-alerts.js';
import {
  type LabelMatcher,
  matchesAll,
  parseAlertQuery,
  parseMatchers,
  selectAlerts,
} from './alert-query.js';

const alert = (labels: Record<string, string>, isSuppressed = false): OpenServiceAlert => ({
  id: 1,
  dedupKey: 'fp',
  status: 'firing',
  summary: 's',
  labels,
  details: { summary: 's', value: 3 },
  generatorUrl: null,
  isSuppressed,
  startsAt: 0,
  endsAt: null,
  updatedAt: 0,
});

describe('Alertmanager filter matchers', () => {
  it('reads matchers as amtool sends them, quoted or not, alone or in braces', () => {
    const parsed = parseMatchers([
      'alertname="HighLatency"',
      'job!=api',
      '{instance=~"web-.*", env!~"dev|test"}',
    ]);
    expect(parsed).toEqual({
      ok: true,
      value: [
        { name: 'alertname', op: '=', value: 'HighLatency' },
        { name: 'job', op: '!=', value: 'api' },
        { name: 'instance', op: '=~', value: 'web-.*' },
        { name: 'env', op: '!~', value: 'dev|test' },
      ],
    });
    expect(parseMatchers(['a="x,y"'])).toEqual({ ok: true, value: [{ name: 'a', op: '=', value: 'x,y' }] });
    expect(parseMatchers(['==']).ok).toBe(false);
    expect(parseMatchers(['a=~"("']).ok).toBe(false);
  });

  it('matches as Alertmanager: anchored regular expressions, a missing label is ""', () => {
    const labels = { alertname: 'HighLatency', instance: 'web-1' };
    const m = (text: string): LabelMatcher[] => {
      const parsed = parseMatchers([text]);
      return parsed.ok ? parsed.value : [];
    };
    expect(matchesAll(labels, m('instance=~"web-.*"'))).toBe(true);
    expect(matchesAll(labels, m('instance=~"web"'))).toBe(false);
    expect(matchesAll(labels, m('env=""'))).toBe(true);
    expect(matchesAll(labels, m('env!~".+"'))).toBe(true);
    expect(matchesAll(labels, m('alertname!=HighLatency'))).toBe(false);
  });

  it('selects by state and receiver and shows alerts as gettableAlerts', () => {
    const alerts = [alert({ a: '1' }), alert({ a: '2' }, true)];
    const query = (q: Record<string, string>) => {
      const parsed = parseAlertQuery(q);
      if (!parsed.ok) throw new Error(parsed.errors.join());
      return selectAlerts(alerts, parsed.value).map((g) => g.labels.a);
    };
    expect(query({})).toEqual(['1', '2']);
    expect(query({ silenced: 'false' })).toEqual(['1']);
    expect(query({ active: 'false' })).toEqual(['2']);
    expect(query({ receiver: 'bea.*' })).toEqual(['1', '2']);
    expect(query({ receiver: 'team-x' })).toEqual([]);
    expect(parseAlertQuery({ active: 'maybe' }).ok).toBe(false);
    expect(
      selectAlerts([alert({ a: '1' })], {
        active: true,
        silenced: true,
        receiver: undefined,
        matchers: [],
      })[0],
    ).toEqual({
      labels: { a: '1' },
      annotations: { summary: 's', value: '3' },
      startsAt: '1970-01-01T00:00:00.000Z',
      endsAt: '0001-01-01T00:00:00.000Z',
      updatedAt: '1970-01-01T00:00:00.000Z',
      generatorURL: '',
      fingerprint: 'fp',
      receivers: [{ name: 'beacon' }],
      status: { state: 'active', silencedBy: [], inhibitedBy: [], mutedBy: [] },
    });
  });
});
