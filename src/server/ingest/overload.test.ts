import { afterEach, beforeEach, expect, it } from 'vitest';
import { OverloadedError } from '../../core/errors.js';
import type { AlertSubmission } from '../commands/alerts/ingest-alerts.js';
import type { EventOutcome } from '../commands/alerts/process-alert-events.js';
import { loadConfig } from '../config.js';
import { ChangeFeed } from '../engine/change-feed.js';
import { IngestQueue } from './ingest-queue.js';
import { type ApiHarness, createApiHarness } from '../testing/api-harness.js';
import type { ZodApp } from '../http/zod-app.js';
import { buildServerApp } from '../server-app.js';
import { integrationFor, json } from './inbound-test-helpers.js';

/** A queue that is always full, as the real one is past its limit of waiting events. */
class FullQueue extends IngestQueue {
  override submit(_submission: AlertSubmission): Promise<EventOutcome[]> {
    return Promise.reject(new OverloadedError(7));
  }
}

// How each format says "busy": the HTTP mapping only, so SQLite alone is enough here.
let api: ApiHarness;
let busy: ZodApp;
let feed: ChangeFeed;
beforeEach(async () => {
  api = await createApiHarness('sqlite');
  feed = new ChangeFeed(api.db.ctx.store.db);
  const config = loadConfig({ BEACON_DATA_DIR: '/tmp/beacon-unused', LOG_LEVEL: 'silent' });
  busy = await buildServerApp(api.db.ctx, config, { feed, ingest: new FullQueue(api.db.ctx) }, false);
  await busy.ready();
});
afterEach(async () => {
  await busy.close();
  await feed.stop();
  await api.db.drop();
});

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  busy.inject({
    method: 'POST',
    url,
    payload: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });

it('answers 503 + Retry-After for Alertmanager and email, 429 + Retry-After for PagerDuty and Opsgenie', async () => {
  const am = (await integrationFor(api, 'alertmanager')).key;
  const pd = (await integrationFor(api, 'pagerduty')).key;
  const og = (await integrationFor(api, 'opsgenie')).key;
  const email = (await integrationFor(api, 'email')).key;
  const replies = [
    [await post('/api/v2/alerts', [{ labels: { a: 'b' } }], { authorization: `Bearer ${am}` }), 503],
    [
      await post(`/integrations/alertmanager-webhook/${am}`, {
        alerts: [{ status: 'firing', labels: { a: 'b' } }],
      }),
      503,
    ],
    [
      await post('/v2/enqueue', {
        routing_key: pd,
        event_action: 'trigger',
        payload: { summary: 's', source: 'h', severity: 'info' },
      }),
      429,
    ],
    [await post('/v2/alerts', { message: 'm' }, { authorization: `GenieKey ${og}` }), 429],
    [
      await busy.inject({
        method: 'POST',
        url: `/integrations/email/${email}`,
        payload: 'Subject: disk full\r\n\r\nbody',
        headers: { 'content-type': 'message/rfc822' },
      }),
      503,
    ],
  ] as const;
  for (const [res, status] of replies) {
    json(res, status);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.headers['content-type']).not.toMatch(/problem/);
  }
  expect(json<{ code: number }>(replies[0][0], 503).code).toBe(503);
  expect(json<{ status: string }>(replies[2][0], 429).status).toBe('throttle event');
});
