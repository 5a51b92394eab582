import { expect, it } from 'vitest';
import type { ChangeEvent } from '../../../core/schemas/alerting.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { ok, readTimeline } from '../../../../test/support/server/http/api-test-helpers.js';
import {
  expectNothingStored,
  integrationFor,
  json,
  listAlerts,
  listIncidents,
  send,
} from '../../../../test/support/server/ingest/inbound-test-helpers.js';

// The trigger example of PagerDuty's "Send an Alert Event" documentation, with a real key.
const trigger = (routingKey: string, dedupKey: string | null = 'srv01/mysql') => ({
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
  routing_key: routingKey,
  ...(dedupKey !== null ? { dedup_key: dedupKey } : {}),
  event_action: 'trigger',
  client: 'Sample Monitoring Service',
  client_url: 'https://monitoring.service.com',
  links: [{ href: 'http://pagerduty.example.com', text: 'An example link.' }],
  images: [
    {
      src: 'https://chart.example.com/chart.png',
      href: 'https://example.com',
      alt: 'An example link with an image',
    },
  ],
});

const follow = (routingKey: string, action: 'acknowledge' | 'resolve', dedupKey = 'srv01/mysql') => ({
  routing_key: routingKey,
  dedup_key: dedupKey,
  event_action: action,
});

interface Accepted {
  status: string;
  message: string;
  dedup_key: string;
}

interface Invalid {
  status: string;
  message: string;
  errors: string[];
}

describeEachDialect('PagerDuty Events API v2 inbound', (dialect) => {
  const api = useApiHarness(dialect);

  it('triggers an alert and one incident from the documented example; 202 with the dedup key', async () => {
    const { key } = await integrationFor(api(), 'pagerduty');
    const reply = json<Accepted>(await send(api(), 'POST', '/v2/enqueue', trigger(key)), 202);
    expect(reply).toEqual({ status: 'success', message: 'Event processed', dedup_key: 'srv01/mysql' });
    const [alert, ...others] = await listAlerts(api());
    expect(others).toEqual([]);
    expect(alert).toMatchObject({
      dedupKey: 'srv01/mysql',
      status: 'firing',
      severity: 'critical',
      summary: 'DISK at 99% on machine prod-datapipe03.example.com',
      source: 'prod-datapipe03.example.com',
      labels: { component: 'mysql', group: 'prod-datapipe', class: 'disk' },
      details: { 'free space': '1%', 'load avg': 0.75 },
      startsAt: '2015-07-17T08:42:58.315Z',
    });
    expect(alert?.links.map((l) => l.href)).toEqual([
      'http://pagerduty.example.com',
      'https://example.com',
      'https://monitoring.service.com',
    ]);
    expect(await listIncidents(api())).toHaveLength(1);
  });

  it('generates and returns a dedup key when a trigger has none', async () => {
    const { key } = await integrationFor(api(), 'pagerduty');
    const first = json<Accepted>(
      await send(api(), 'POST', '/integrations/pagerduty/v2/enqueue', trigger(key, null)),
      202,
    );
    const second = json<Accepted>(await send(api(), 'POST', '/v2/enqueue', trigger(key, null)), 202);
    expect(first.dedup_key).toMatch(/^[0-9a-f]{32}$/);
    expect(second.dedup_key).not.toBe(first.dedup_key);
    expect(await listAlerts(api())).toHaveLength(2);
    expect(await listIncidents(api())).toHaveLength(1);
  });

  it('treats a re-sent trigger as a no-op, acknowledges, resolves, and re-opens after resolve', async () => {
    const { key } = await integrationFor(api(), 'pagerduty');
    await send(api(), 'POST', '/v2/enqueue', trigger(key));
    const before = await listAlerts(api());
    json(await send(api(), 'POST', '/v2/enqueue', trigger(key)), 202);
    expect((await listAlerts(api())).map((a) => [a.id, a.eventCount])).toEqual(
      before.map((a) => [a.id, a.eventCount]),
    );
    json(await send(api(), 'POST', '/v2/enqueue', follow(key, 'acknowledge')), 202);
    expect((await listAlerts(api()))[0]?.status).toBe('acknowledged');
    json(await send(api(), 'POST', '/v2/enqueue', follow(key, 'resolve')), 202);
    expect((await listAlerts(api()))[0]?.status).toBe('resolved');
    expect((await listIncidents(api()))[0]?.status).toBe('resolved');
    // Acknowledge and resolve of a resolved or unknown key are dropped, still 202.
    json(await send(api(), 'POST', '/v2/enqueue', follow(key, 'acknowledge')), 202);
    json(await send(api(), 'POST', '/v2/enqueue', follow(key, 'resolve', 'never-seen')), 202);
    expect(await listAlerts(api())).toHaveLength(1);
    // A trigger after resolve opens a new alert.
    api().clock.advance(60 * 60_000);
    json(await send(api(), 'POST', '/v2/enqueue', trigger(key)), 202);
    const alerts = await listAlerts(api());
    expect(alerts.map((a) => a.status)).toEqual(['firing', 'resolved']);
  });

  it('refuses invalid events with 400 "invalid event" naming each error, storing nothing', async () => {
    const { key } = await integrationFor(api(), 'pagerduty');
    const cases: Array<[unknown, string]> = [
      [
        { ...trigger(key), routing_key: 'short' },
        "Length of 'routing_key' is incorrect (should be 32 characters)",
      ],
      [{ ...trigger(key), routing_key: undefined }, "'routing_key' is missing or blank"],
      [
        { ...trigger(key), event_action: 'snooze' },
        "'event_action' is invalid (must be one of trigger, acknowledge, resolve)",
      ],
      [{ ...trigger(key), payload: undefined }, "'payload' is missing or blank"],
      [
        { ...trigger(key), payload: { ...trigger(key).payload, summary: '' } },
        "'payload.summary' is missing or blank",
      ],
      [
        { ...trigger(key), payload: { ...trigger(key).payload, source: undefined } },
        "'payload.source' is missing or blank",
      ],
      [
        { ...trigger(key), payload: { ...trigger(key).payload, severity: 'high' } },
        "'payload.severity' is invalid (must be one of critical, error, warning, info)",
      ],
      [
        { ...trigger(key), dedup_key: 'k'.repeat(256) },
        "'dedup_key' is too long (must be at most 255 characters)",
      ],
      [{ routing_key: key, event_action: 'resolve' }, "'dedup_key' is missing or blank"],
    ];
    for (const [body, error] of cases) {
      const reply = json<Invalid>(await send(api(), 'POST', '/v2/enqueue', body), 400);
      expect(reply.status).toBe('invalid event');
      expect(reply.message).toBe('Event object is invalid');
      expect(reply.errors).toContain(error);
    }
    const parse = json<Invalid>(await send(api(), 'POST', '/v2/enqueue', '{"routing_key": '), 400);
    expect(parse).toEqual({
      status: 'Unrecognized object',
      message: 'Event object format is unrecognized',
      errors: ['JSON parse error'],
    });
    await expectNothingStored(api());
  });

  it('cuts a summary longer than 1024 characters', async () => {
    const { key } = await integrationFor(api(), 'pagerduty');
    const long = trigger(key);
    long.payload.summary = 's'.repeat(2000);
    json(await send(api(), 'POST', '/v2/enqueue', long), 202);
    expect((await listAlerts(api()))[0]?.summary).toHaveLength(1024);
  });

  it('answers an unknown routing key with 400 "invalid event" naming it', async () => {
    const reply = json<Invalid>(
      await send(api(), 'POST', '/v2/enqueue', trigger('0123456789abcdef0123456789abcdef')),
      400,
    );
    expect(reply).toEqual({
      status: 'invalid event',
      message: 'Event object is invalid',
      errors: ['Invalid routing key'],
    });
  });

  it('records change events on the service and notes them on its open incidents', async () => {
    const { key, serviceId } = await integrationFor(api(), 'pagerduty');
    await send(api(), 'POST', '/v2/enqueue', trigger(key));
    // The example of PagerDuty's "Send a Change Event" documentation.
    const change = {
      routing_key: key,
      payload: {
        summary: 'Build Success: Increase snapshot create timeout to 30 seconds',
        timestamp: new Date(api().clock.now()).toISOString(),
        source: 'acme-build-pipeline-tool-default-i-9999',
        custom_details: { build_state: 'passed', build_number: '2', run_time: '1236s' },
      },
      links: [{ href: 'https://acme.pagerduty.dev/build/2', text: 'View more details in Acme!' }],
    };
    const reply = json(await send(api(), 'POST', '/v2/change/enqueue', change), 202);
    expect(reply).toEqual({ status: 'success', message: 'Change event processed' });
    json(await send(api(), 'POST', '/integrations/pagerduty/v2/change/enqueue', change), 202);
    const events = ok<{ items: ChangeEvent[] }>(
      await api().call('GET', `/api/v1/change-events?serviceId=${serviceId}`),
    ).items;
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      summary: change.payload.summary,
      source: change.payload.source,
      details: change.payload.custom_details,
      links: change.links,
    });
    const [incident] = await listIncidents(api());
    const noted = (await readTimeline(api(), incident?.id ?? 0)).filter((e) => e.kind === 'change_event');
    expect(noted).toHaveLength(2);
    const invalid = json<Invalid>(
      await send(api(), 'POST', '/v2/change/enqueue', { routing_key: key, payload: {} }),
      400,
    );
    expect(invalid.errors).toEqual(["'payload.summary' is missing or blank"]);
    const unknown = json<Invalid>(
      await send(api(), 'POST', '/v2/change/enqueue', { ...change, routing_key: 'f'.repeat(32) }),
      400,
    );
    expect(unknown.errors).toEqual(['Invalid routing key']);
  });
});
