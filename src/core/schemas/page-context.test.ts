import { describe, expect, it } from 'vitest';
import { keyLabels, pageLinkUrl } from './page-context.js';

describe('what a page shows of an alert', () => {
  it('shows the well-known labels in a fixed order, at most six, and none of the rest', () => {
    expect(
      keyLabels({
        team: 'payments',
        instance: 'web-7',
        alertname: 'HighErrorRate',
        severity: 'critical',
        job: 'api',
        namespace: 'prod',
        cluster: 'eu-1',
        pod: 'api-1',
        empty: '',
      }),
    ).toEqual([
      ['alertname', 'HighErrorRate'],
      ['severity', 'critical'],
      ['job', 'api'],
      ['instance', 'web-7'],
      ['namespace', 'prod'],
      ['cluster', 'eu-1'],
    ]);
  });

  it('carries only http(s) links, with what would end a chat link percent-encoded', () => {
    expect(pageLinkUrl('javascript:alert(1)')).toBeUndefined();
    expect(pageLinkUrl('ftp://files.example/runbook')).toBeUndefined();
    expect(pageLinkUrl('https://runbooks.example/a b')).toBeUndefined();
    expect(pageLinkUrl('https://runbooks.example/x|<evil>(y)')).toBe(
      'https://runbooks.example/x%7C%3Cevil%3E%28y%29',
    );
    expect(pageLinkUrl('https://grafana.example/d/abc?var-host=web-7')).toBe(
      'https://grafana.example/d/abc?var-host=web-7',
    );
  });
});
