import { describe, expect, it } from 'vitest';
import { labelFingerprint } from '../../../core/alerts/fingerprint.js';
import { RESOLVE_TIMEOUT_MS, alertSummary, postableAlertsToEvents } from './parse.js';
import { webhookToEvents } from './parse-webhook.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('postableAlertsToEvents (Alertmanager API v2)', () => {
  it('reads an alert as amtool and Prometheus send it, with Alertmanager defaults', () => {
    // `amtool alert add alertname=Test severity=page instance=web-1 --annotation=summary="Test alert"`
    const { events, errors } = postableAlertsToEvents(
      [
        {
          labels: { alertname: 'Test', severity: 'page', instance: 'web-1', empty: '' },
          annotations: { summary: 'Test alert' },
          generatorURL: 'http://prometheus:9090/graph',
        },
      ],
      NOW,
    );
    expect(errors).toEqual([]);
    expect(events).toEqual([
      expect.objectContaining({
        action: 'trigger',
        dedupKey: labelFingerprint({ alertname: 'Test', severity: 'page', instance: 'web-1' }),
        summary: 'Test alert',
        severity: 'critical',
        source: 'web-1',
        labels: { alertname: 'Test', severity: 'page', instance: 'web-1' },
        startsAt: NOW,
        endsAt: NOW + RESOLVE_TIMEOUT_MS,
        generatorUrl: 'http://prometheus:9090/graph',
        links: [{ href: 'http://prometheus:9090/graph', text: 'Source' }],
      }),
    ]);
  });

  it('resolves when endsAt is not after now, and starts at endsAt when only endsAt is given', () => {
    const endsAt = '2026-03-01T11:59:00Z';
    const { events } = postableAlertsToEvents([{ labels: { alertname: 'A' }, endsAt }], NOW);
    expect(events[0]).toMatchObject({
      action: 'resolve',
      startsAt: Date.parse(endsAt),
      endsAt: Date.parse(endsAt),
    });
    const future = postableAlertsToEvents(
      [{ labels: { alertname: 'A' }, endsAt: '2026-03-01T12:30:00Z' }],
      NOW,
    );
    expect(future.events[0]).toMatchObject({ action: 'trigger', endsAt: Date.parse('2026-03-01T12:30:00Z') });
  });

  it("treats Go's zero time as unset", () => {
    const zero = '0001-01-01T00:00:00Z';
    const { events } = postableAlertsToEvents([{ labels: { a: 'b' }, startsAt: zero, endsAt: zero }], NOW);
    expect(events[0]).toMatchObject({ action: 'trigger', startsAt: NOW, endsAt: NOW + RESOLVE_TIMEOUT_MS });
  });

  it('reports each invalid alert and keeps the valid ones', () => {
    const { events, errors } = postableAlertsToEvents(
      [
        { labels: { alertname: 'ok' } },
        { annotations: {} },
        { labels: { only: '' } },
        { labels: { a: 1 } },
        { labels: { a: 'b' }, startsAt: 'soon' },
        { labels: { a: 'b' }, startsAt: '2026-03-01T12:00:00Z', endsAt: '2026-03-01T11:00:00Z' },
        'nope',
      ],
      NOW,
    );
    expect(events).toHaveLength(1);
    expect(errors).toEqual([
      'alert 1: labels in body is required',
      'alert 2: at least one label pair required',
      'alert 3: labels.a must be a string',
      'alert 4: startsAt must be an RFC 3339 date-time',
      'alert 5: start time must be before end time',
      'alert 6: must be an object',
    ]);
    expect(postableAlertsToEvents({ labels: {} }, NOW).errors).toEqual([
      'the body must be a JSON array of alerts',
    ]);
  });
});

describe('alertSummary', () => {
  it('prefers the summary annotation, then the description, then alertname with identifying labels', () => {
    expect(alertSummary({ alertname: 'X' }, { summary: 'S', description: 'D' })).toBe('S');
    expect(alertSummary({ alertname: 'X' }, { description: 'D' })).toBe('D');
    expect(
      alertSummary({ alertname: 'HighLatency', severity: 'page', job: 'api', instance: 'web-1' }, {}),
    ).toBe('HighLatency (instance=web-1, job=api)');
    expect(alertSummary({ alertname: 'Watchdog' }, {})).toBe('Watchdog');
  });
});

describe('webhookToEvents (Alertmanager webhook, version 4)', () => {
  // Labels and fingerprint from a real Alertmanager notification.
  const labels = {
    alertname: 'Deployment',
    app_kubernetes_io_instance: 'eric-oss-common-base',
    app_kubernetes_io_managed_by: 'Helm',
    app_kubernetes_io_name: 'eric-pm-kube-state-metrics',
    app_kubernetes_io_version: '2.1.0_10',
    chart: 'eric-pm-kube-state-metrics-2.1.0_10',
    deployment: 'eric-log-transformer',
    instance: '192.168.69.53:8080',
    job: 'eric-pm-kube-state-metrics',
    kubernetes_name: 'eric-pm-kube-state-metrics',
    kubernetes_namespace: 'eric-eo-cm-ci406',
    namespace: 'eric-eo-cm-ci406',
    severity: 'Warning',
  };
  const notification = {
    receiver: 'web\\.hook',
    status: 'resolved',
    alerts: [
      {
        status: 'resolved',
        labels,
        annotations: {
          description: 'Deployment Replicas mismatch, desired value does not match..',
          summary: 'Kubernetes Deployment Replicas Mismatch',
        },
        startsAt: '2022-07-29T11:13:27.3Z',
        endsAt: '2022-07-29T11:17:27.3Z',
        generatorURL: '/metrics/viewer/graph?g0.expr=kube_deployment_spec_replicas',
        fingerprint: 'fbab788ec4c1018b',
      },
    ],
    groupLabels: { alertname: 'Deployment' },
    commonLabels: labels,
    commonAnnotations: {},
    externalURL: 'http://alertmanager:9093',
    version: '4',
    groupKey: '{}:{alertname="Deployment"}',
    truncatedAlerts: 0,
  };

  it("keys alerts by Alertmanager's fingerprint, which labelFingerprint reproduces", () => {
    expect(labelFingerprint(labels)).toBe('fbab788ec4c1018b');
    const parsed = webhookToEvents(notification);
    expect(parsed).toEqual({
      ok: true,
      value: [
        expect.objectContaining({
          action: 'resolve',
          dedupKey: 'fbab788ec4c1018b',
          summary: 'Kubernetes Deployment Replicas Mismatch',
          severity: 'warning',
          startsAt: Date.parse('2022-07-29T11:13:27.3Z'),
          endsAt: null,
          // A relative generator URL is kept but not made a link.
          links: [],
        }),
      ],
    });
  });

  it('fires without expiry, falls back to the label fingerprint and the group status', () => {
    const firing = { status: 'firing', alerts: [{ labels: { alertname: 'A' } }], someFutureField: true };
    const parsed = webhookToEvents(firing);
    expect(parsed.ok && parsed.value[0]).toMatchObject({
      action: 'trigger',
      dedupKey: labelFingerprint({ alertname: 'A' }),
      endsAt: null,
    });
  });

  it('refuses the whole notification when an alert is unreadable', () => {
    expect(
      webhookToEvents({ alerts: [{ labels: { a: 'b' }, status: 'firing' }, { status: 'firing' }] }),
    ).toEqual({
      ok: false,
      errors: ['alerts[1]: labels must have at least one label'],
    });
    expect(webhookToEvents([]).ok).toBe(false);
    expect(webhookToEvents({ alerts: [{ labels: { a: 'b' } }] })).toEqual({
      ok: false,
      errors: ['alerts[0]: status must be "firing" or "resolved"'],
    });
  });
});
