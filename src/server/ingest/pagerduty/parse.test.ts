import { describe, expect, it } from 'vitest';
import { pagerDutyAlertEvent, pagerDutyChangeEvent } from './parse.js';

const KEY = 'e93facc04764012d7bfb002500d5d1a6';
const newKey = () => 'generated-key';

// The example event of PagerDuty's Events API v2 reference (openapiv3.json).
const example = {
  payload: {
    summary: 'DISK at 99% on machine prod-datapipe03.example.com',
    timestamp: '2015-07-17T08:42:58.315+0000',
    severity: 'critical',
    source: 'prod-datapipe03.example.com',
    component: 'mysql',
    group: 'prod-datapipe',
    class: 'disk',
    custom_details: { 'free space': '1%', 'ping time': '1500ms', 'load avg': 0.75 },
  },
  routing_key: KEY,
  dedup_key: 'srv01/mysql',
  event_action: 'trigger',
  client: 'Sample Monitoring Service',
  client_url: 'https://monitoring.service.com',
  links: [{ href: 'http://pagerduty.example.com', text: 'An example link.' }],
  images: [
    {
      src: 'https://chart.googleapis.com/chart?chs=600x400',
      href: 'https://google.com',
      alt: 'An example link with an image',
    },
  ],
};

describe('pagerDutyAlertEvent', () => {
  it('reads the documented trigger example', () => {
    const parsed = pagerDutyAlertEvent(example, newKey);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.routingKey).toBe(KEY);
    expect(parsed.value.event).toMatchObject({
      action: 'trigger',
      dedupKey: 'srv01/mysql',
      summary: 'DISK at 99% on machine prod-datapipe03.example.com',
      severity: 'critical',
      source: 'prod-datapipe03.example.com',
      labels: { component: 'mysql', group: 'prod-datapipe', class: 'disk' },
      details: { 'free space': '1%', 'ping time': '1500ms', 'load avg': 0.75 },
      startsAt: Date.parse('2015-07-17T08:42:58.315Z'),
      endsAt: null,
      generatorUrl: 'https://monitoring.service.com',
      links: [
        { href: 'http://pagerduty.example.com', text: 'An example link.' },
        { href: 'https://google.com', text: 'An example link with an image' },
        { href: 'https://monitoring.service.com', text: 'Sample Monitoring Service' },
      ],
    });
    // The routing key is a secret: it is not kept with the alert.
    expect(parsed.value.event.payload).toMatchObject({ routing_key: '[REDACTED]' });
  });

  it('reads acknowledge and resolve without a payload, and generates a key for a trigger without one', () => {
    for (const action of ['acknowledge', 'resolve'] as const) {
      const parsed = pagerDutyAlertEvent(
        { routing_key: KEY, dedup_key: 'srv01/HTTP', event_action: action },
        newKey,
      );
      expect(parsed.ok && parsed.value.event).toMatchObject({ action, dedupKey: 'srv01/HTTP' });
    }
    const { dedup_key: _omitted, ...noKey } = example;
    const parsed = pagerDutyAlertEvent(noKey, newKey);
    expect(parsed.ok && parsed.value.event.dedupKey).toBe('generated-key');
  });

  it("accepts Alertmanager's resolve, which carries a payload, and custom_details that are not objects", () => {
    const resolve = {
      ...example,
      event_action: 'resolve',
      payload: { summary: 's', source: 'Alertmanager', severity: 'error' },
    };
    expect(pagerDutyAlertEvent(resolve, newKey).ok).toBe(true);
    const text = { ...example, payload: { ...example.payload, custom_details: 'free text' } };
    const parsed = pagerDutyAlertEvent(text, newKey);
    expect(parsed.ok && parsed.value.event.details).toEqual({ custom_details: 'free text' });
  });

  it('lists every validation error in PagerDuty words', () => {
    const parsed = pagerDutyAlertEvent(
      {
        routing_key: 'not-32-chars!',
        event_action: 'trigger',
        payload: { severity: 'fatal', timestamp: 'later' },
        links: [{}],
      },
      newKey,
    );
    expect(parsed).toEqual({
      ok: false,
      errors: [
        "Length of 'routing_key' is incorrect (should be 32 characters)",
        "'routing_key' cannot contain non-alphanumeric characters.",
        "'links[0].href' is missing or blank",
        "'payload.summary' is missing or blank",
        "'payload.source' is missing or blank",
        "'payload.severity' is invalid (must be one of critical, error, warning, info)",
        "'payload.timestamp' is invalid (must be ISO 8601)",
      ],
    });
    expect(pagerDutyAlertEvent([], newKey).ok).toBe(false);
    expect(pagerDutyAlertEvent({ routing_key: KEY }, newKey)).toEqual({
      ok: false,
      errors: ["'event_action' is missing or blank"],
    });
  });

  it('cuts the summary at 1024 characters', () => {
    const long = { ...example, payload: { ...example.payload, summary: 'x'.repeat(1500) } };
    const parsed = pagerDutyAlertEvent(long, newKey);
    expect(parsed.ok && parsed.value.event.summary.length).toBe(1024);
  });
});

describe('pagerDutyChangeEvent', () => {
  it('reads the documented change event example', () => {
    const parsed = pagerDutyChangeEvent({
      routing_key: KEY,
      payload: {
        summary: 'Build Success: Increase snapshot create timeout to 30 seconds',
        timestamp: '2020-07-17T08:42:58.315+0000',
        source: 'acme-build-pipeline-tool-default-i-9999',
        custom_details: { build_state: 'passed', build_number: '2', run_time: '1236s' },
      },
      links: [{ href: 'https://acme.pagerduty.dev/build/2', text: 'View more details in Acme!' }],
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        routingKey: KEY,
        change: {
          at: Date.parse('2020-07-17T08:42:58.315Z'),
          summary: 'Build Success: Increase snapshot create timeout to 30 seconds',
          source: 'acme-build-pipeline-tool-default-i-9999',
          details: { build_state: 'passed', build_number: '2', run_time: '1236s' },
          links: [{ href: 'https://acme.pagerduty.dev/build/2', text: 'View more details in Acme!' }],
        },
      },
    });
    expect(pagerDutyChangeEvent({ routing_key: KEY })).toEqual({
      ok: false,
      errors: ["'payload' is missing or blank"],
    });
  });
});
