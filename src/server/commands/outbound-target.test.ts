import { afterEach, beforeEach, expect, it } from 'vitest';
import { NO_INTERNAL_TARGETS } from '../../core/net/address-policy.js';
import type { Check } from '../../core/schemas/checks.js';
import type { WebhookDeliveryPage } from '../../core/schemas/webhooks.js';
import { CheckRunner } from '../engine/checks/check-runner.js';
import { useApiHarness } from '../../../test/support/server/api-harness.js';
import {
  addCheck,
  recordingLog,
  startHttpTarget,
  type TestHttpTarget,
} from '../../../test/support/server/engine/checks/check-test-helpers.js';
import {
  type EventReceiver,
  startEventReceiver,
  subscribe,
  webhookSender,
} from '../../../test/support/server/engine/webhook-test-helpers.js';
import {
  createService,
  declare,
  expectProblem,
  ok,
} from '../../../test/support/server/http/api-test-helpers.js';
import { describeEachDialect } from '../../../test/support/server/test-database.js';

const INTERNAL_URLS = [
  'http://127.0.0.1:8080/hook',
  'http://localhost/hook',
  'http://api.localhost/hook',
  'http://2130706433/hook',
  'http://0x7f000001/hook',
  'http://[::1]/hook',
  'http://[::ffff:127.0.0.1]/hook',
  'http://10.0.0.8/hook',
  'http://169.254.169.254/latest/meta-data/',
];
const LOOPBACK_REFUSAL = 'refused: 127.0.0.1 is a loopback address (set BEACON_OUTBOUND_ALLOW to allow it)';

describeEachDialect('outbound targets by default (BEACON_OUTBOUND_ALLOW unset)', (dialect) => {
  const api = useApiHarness(dialect, { BEACON_OUTBOUND_ALLOW: '' });

  it('refuses contact methods aimed at internal addresses, naming the field, and keeps none', async () => {
    for (const address of INTERNAL_URLS) {
      for (const type of ['webhook', 'slack', 'teams']) {
        const res = await api().call('POST', '/api/v1/me/contact-methods', {
          as: 'viewer',
          body: { type, address },
        });
        expect(expectProblem(res, 400, 'address').detail).toMatch(/refused: /);
      }
    }
    const problem = expectProblem(
      await api().call('POST', '/api/v1/me/contact-methods', {
        as: 'viewer',
        body: { type: 'webhook', address: 'http://2130706433:9/' },
      }),
      400,
      'address',
    );
    expect(problem.errors).toEqual([{ field: 'address', message: `R${LOOPBACK_REFUSAL.slice(1)}` }]);
    expect(
      ok<{ items: unknown[] }>(await api().call('GET', '/api/v1/me/contact-methods', { as: 'viewer' })),
    ).toMatchObject({
      items: [],
    });
    ok(
      await api().call('POST', '/api/v1/me/contact-methods', {
        as: 'viewer',
        body: { type: 'slack', address: 'https://hooks.slack.com/services/T0/B0/X' },
      }),
      201,
    );
  });

  it('refuses webhook subscriptions aimed at internal addresses, on create and on edit', async () => {
    for (const url of INTERNAL_URLS) {
      expectProblem(await api().call('POST', '/api/v1/webhooks', { body: { url } }), 400, 'url');
    }
    const created = await subscribe(api(), { url: 'https://hooks.example.com/beacon' });
    expectProblem(
      await api().call('PATCH', `/api/v1/webhooks/${created.id}`, { body: { url: 'http://localhost:9/' } }),
      400,
      'url',
    );
    const [only, ...more] = ok<{ items: Array<{ url: string }> }>(
      await api().call('GET', '/api/v1/webhooks'),
    ).items;
    expect(more).toEqual([]);
    expect(only?.url).toBe('https://hooks.example.com/beacon');
  });

  it('refuses checks aimed at internal addresses, even for admins', async () => {
    const service = await createService(api(), 'api');
    const post = (body: unknown) => api().call('POST', `/api/v1/services/${service.id}/checks`, { body });
    for (const url of INTERNAL_URLS) {
      expectProblem(await post({ type: 'http', name: 'internal', config: { url } }), 400, 'config.url');
    }
    for (const host of [
      '127.0.0.1',
      '2130706433',
      '0x7f000001',
      '::1',
      '[::1]',
      'localhost',
      '192.168.0.1',
    ]) {
      expectProblem(
        await post({ type: 'tcp', name: 'scan', config: { host, port: 22 } }),
        400,
        'config.host',
      );
    }
    expect(ok<{ items: Check[] }>(await api().call('GET', '/api/v1/checks')).items).toEqual([]);
  });
});

describeEachDialect('outbound targets an operator allows', (dialect) => {
  const api = useApiHarness(dialect, { BEACON_OUTBOUND_ALLOW: '127.0.0.1/32,::1/128' });
  let target: TestHttpTarget;
  let receiver: EventReceiver;
  beforeEach(async () => {
    target = await startHttpTarget();
    receiver = await startEventReceiver();
  });
  afterEach(async () => {
    await target.close();
    await receiver.close();
  });

  it('lets only admins aim a check at an allowed internal target, or change where it points', async () => {
    const service = await createService(api(), 'api');
    const post = (as: 'responder' | 'admin', body: unknown) =>
      api().call('POST', `/api/v1/services/${service.id}/checks`, { as, body });
    const http = { type: 'http', name: 'internal', config: { url: target.url, keyword: 'healthy' } };
    expectProblem(await post('responder', http), 403, 'config.url');
    expectProblem(
      await post('responder', { type: 'tcp', name: 'db', config: { host: '::1', port: 5432 } }),
      403,
      'config.host',
    );
    const check = ok<Check>(await post('admin', http), 201);
    const patch = (as: 'responder' | 'admin', body: unknown) =>
      api().call('PATCH', `/api/v1/checks/${check.id}`, { as, body });
    expectProblem(await patch('responder', { config: { keyword: 'password' } }), 403, 'config.url');
    ok(await patch('responder', { paused: true }));
    ok(await patch('admin', { config: { keyword: 'ok' } }));
    // A public target stays open to responders, and cannot be turned into an internal one by them.
    const publicCheck = ok<Check>(
      await post('responder', { type: 'http', name: 'site', config: { url: 'https://example.com/' } }),
      201,
    );
    expectProblem(
      await api().call('PATCH', `/api/v1/checks/${publicCheck.id}`, {
        as: 'responder',
        body: { config: { url: target.url } },
      }),
      403,
      'config.url',
    );
    expect(target.hits).toBe(0);
  });

  it('judges the address again on every connection: narrowing the allow list stops checks and webhooks', async () => {
    const check = await addCheck(api(), {
      type: 'http',
      name: 'internal',
      retries: 0,
      config: { url: target.url },
    });
    const subscription = await subscribe(api(), { url: receiver.url });
    await declare(api());
    const narrowed = { ...api().db.ctx, outboundAllow: NO_INTERNAL_TARGETS };
    const runner = new CheckRunner(narrowed, recordingLog());
    await runner.runOnce();
    await runner.drain();
    await webhookSender(narrowed).runOnce();

    expect(ok<Check>(await api().call('GET', `/api/v1/checks/${check.id}`))).toMatchObject({
      status: 'down',
      lastMessage: LOOPBACK_REFUSAL,
    });
    const [delivery] = ok<WebhookDeliveryPage>(
      await api().call('GET', `/api/v1/webhooks/${subscription.id}/deliveries`),
    ).items;
    expect(delivery).toMatchObject({ status: 'pending', lastHttpStatus: null, lastError: LOOPBACK_REFUSAL });
    expect(target.hits).toBe(0);
    expect(receiver.received).toEqual([]);
  });
});
