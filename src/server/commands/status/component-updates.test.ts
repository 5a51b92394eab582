import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { useSmtpSink } from '../../../../test/support/server/engine/escalation/paging-test-helpers.js';
import { ok } from '../../../../test/support/server/http/api-test-helpers.js';
import { useSecondProcess } from '../../../../test/support/server/second-process.js';
import {
  confirmedSubscriber,
  mailsTo,
  publish,
  publishedIncident,
  subscriberSender,
  twoComponents,
} from '../../../../test/support/server/status/subscriber-test-helpers.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { claimSubscriberMessages } from '../outbox/subscriber-messages.js';
import { announceComponentChanges } from './component-updates.js';

const MINUTE = 60_000;

/** One POST a webhook receiver got. */
interface Received {
  path: string;
  event: string;
  raw: string;
  signature: string;
  timestamp: string;
}

/** What Statuspage's `component_update` body holds (the fields the test reads). */
interface ComponentUpdateBody {
  meta: { unsubscribe: string; documentation: string; generated_at: string };
  page: { id: string; status_indicator: string; status_description: string };
  component_update: {
    id: string;
    component_id: string;
    old_status: string;
    new_status: string;
    created_at: string;
  };
  component: { id: string; name: string; status: string };
}

describeEachDialect('component status changes for webhook subscribers', (dialect) => {
  const api = useApiHarness(dialect);
  const sink = useSmtpSink();
  const secondProcess = useSecondProcess(api);
  let server: http.Server;
  let received: Received[] = [];
  let base = '';

  beforeEach(async () => {
    received = [];
    server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          path: request.url ?? '',
          event: String(request.headers['x-beacon-event']),
          raw: Buffer.concat(chunks).toString('utf8'),
          signature: String(request.headers['x-beacon-signature']),
          timestamp: String(request.headers['x-beacon-timestamp']),
        });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** The component updates `path` received since the last call, bodies parsed. */
  const updatesAt = (path: string) => {
    const found = received.filter((r) => r.path === path && r.event === 'status.component_update');
    received = received.filter((r) => !found.includes(r));
    return found.map((r) => ({ ...r, body: JSON.parse(r.raw) as ComponentUpdateBody }));
  };
  const send = () => subscriberSender(api(), sink()).runOnce();

  it('sends each change of a component once, signed, to the webhooks that chose it; email subscribers get none', async () => {
    const { apiId, webId } = await twoComponents(api());
    const apiHook = await confirmedSubscriber(api(), `${base}/api`, [apiId], 'webhook');
    await confirmedSubscriber(api(), `${base}/web`, [webId], 'webhook');
    await confirmedSubscriber(api(), `${base}/all`, [], 'webhook');
    await confirmedSubscriber(api(), 'mail@example.com');
    await send();
    expect(received).toEqual([]);

    const ref = await publishedIncident(api(), 'API errors.', [
      { componentId: apiId, status: 'partial_outage' },
    ]);
    // Due at once: not held for the incident news' bundling window.
    await send();
    const [delivery, ...others] = updatesAt('/api');
    expect(others).toEqual([]);
    expect(delivery?.signature).toBe(
      `sha256=${createHmac('sha256', apiHook.signingKey ?? '')
        .update(`${delivery?.timestamp ?? ''}.${delivery?.raw ?? ''}`)
        .digest('hex')}`,
    );
    const body = delivery?.body;
    expect(Object.keys(body ?? {}).sort()).toEqual(['component', 'component_update', 'meta', 'page']);
    expect(body?.page).toMatchObject({ status_indicator: 'major' });
    expect(body?.component_update).toMatchObject({
      component_id: String(apiId),
      old_status: 'operational',
      new_status: 'partial_outage',
    });
    expect(Date.parse(body?.component_update.created_at ?? '')).toBe(api().clock.now());
    expect(body?.component).toMatchObject({ id: String(apiId), name: 'API', status: 'partial_outage' });
    expect(body?.meta.unsubscribe).toMatch(/\/status\/subscriptions\/[A-Za-z0-9_-]{43}\/unsubscribe$/);
    expect(updatesAt('/all').map((d) => d.body.component_update.new_status)).toEqual(['partial_outage']);
    expect(updatesAt('/web')).toEqual([]);

    // Once: another sender, another process's look and a later tick find nothing new.
    await send();
    expect(await announceComponentChanges(await secondProcess())).toBe(0);
    api().clock.advance(MINUTE + 1000);
    await send();
    expect(updatesAt('/api')).toEqual([]);
    expect(received.map((r) => `${r.path} ${r.event}`).sort()).toEqual([
      '/all status.incident',
      '/api status.incident',
    ]);
    expect(mailsTo(sink(), 'mail@example.com').map((m) => m.subject)).toEqual([
      '[Status] Investigating: Slow API',
    ]);

    // Set by hand, and back to operational when the incident is resolved publicly.
    ok(
      await api().call('PATCH', `/api/v1/status-page/components/${String(webId)}`, {
        body: { statusMode: 'manual', manualStatus: 'major_outage' },
      }),
    );
    await publish(api(), ref, 'resolved', 'Fixed.', [{ componentId: apiId, status: 'operational' }]);
    // Queued by the changes' own transactions: a claim with no tick of the worker finds them.
    const claimed = await claimSubscriberMessages(api().db.ctx, {
      baseUrl: 'http://localhost:3000',
      signingSecret: 'unused',
      leaseMs: MINUTE,
      limit: 10,
    });
    expect(
      claimed.map((c) => (c.delivery.channel === 'webhook' ? new URL(c.delivery.url).pathname : '')).sort(),
    ).toEqual(['/all', '/all', '/api', '/web']);
    // That claimer died: the messages go out once its lease ends.
    api().clock.advance(MINUTE + 1000);
    await send();
    expect(updatesAt('/web').map((d) => d.body.component_update)).toEqual([
      expect.objectContaining({ old_status: 'operational', new_status: 'major_outage' }),
    ]);
    expect(updatesAt('/api').map((d) => d.body.component_update)).toEqual([
      expect.objectContaining({ old_status: 'partial_outage', new_status: 'operational' }),
    ]);
    expect(updatesAt('/all')).toHaveLength(2);
  });

  it('tells a change time alone makes (a maintenance window starting and ending) on the worker tick', async () => {
    const { apiId, apiServiceId } = await twoComponents(api());
    await confirmedSubscriber(api(), `${base}/api`, [apiId], 'webhook');
    await send();
    const now = api().clock.now();
    ok(
      await api().call('POST', `/api/v1/services/${String(apiServiceId)}/maintenance`, {
        as: 'responder',
        body: {
          startsAt: new Date(now + 10 * MINUTE).toISOString(),
          endsAt: new Date(now + 70 * MINUTE).toISOString(),
          reason: 'Database upgrade',
        },
      }),
      201,
    );
    api().clock.advance(10 * MINUTE);
    await send();
    expect(updatesAt('/api').map((d) => d.body.component_update)).toEqual([
      expect.objectContaining({ old_status: 'operational', new_status: 'under_maintenance' }),
    ]);
    api().clock.advance(60 * MINUTE);
    await send();
    expect(updatesAt('/api').map((d) => d.body.component)).toEqual([
      expect.objectContaining({ name: 'API', status: 'operational' }),
    ]);
  });
});
