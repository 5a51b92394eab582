import { expect, it } from 'vitest';
import type { Alert, IntegrationWithKey } from '../../../core/schemas/alerting.js';
import type { GettingStarted, TestAlertResult } from '../../../core/schemas/getting-started.js';
import type { Incident } from '../../../core/schemas/incident.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { expectProblem, ok } from '../../../../test/support/server/http/api-test-helpers.js';
import {
  notifyAtOnce,
  pagingEngine,
  serviceWithPolicy,
  useSmtpSink,
} from '../../../../test/support/server/engine/escalation/paging-test-helpers.js';

describeEachDialect('getting started', (dialect) => {
  const api = useApiHarness(dialect);
  const smtp = useSmtpSink();

  const checklist = async (as: 'admin' | 'viewer' = 'admin') =>
    ok<GettingStarted>(await api().call('GET', '/api/v1/me/getting-started', { as }));
  const done = async (as: 'admin' | 'viewer' = 'admin') =>
    (await checklist(as)).steps.filter((s) => s.isDone).map((s) => s.id);

  it('ticks each step off from what exists, through a test alert that pages the admin', async () => {
    const { users } = api();
    expect(await checklist()).toMatchObject({ isComplete: false, dismissedAt: null });
    expect(await done()).toEqual([]);

    const { serviceId } = await serviceWithPolicy(api(), [
      { delayMinutes: 1, targets: [{ type: 'user', id: users.admin.userId }] },
    ]);
    expect(await done()).toEqual(['service', 'policy']);

    const integration = ok<IntegrationWithKey>(
      await api().call('POST', `/api/v1/services/${serviceId}/integrations`, {
        body: { type: 'alertmanager', name: 'Prometheus' },
      }),
      201,
    );
    ok(
      await api().call('POST', '/api/v1/schedules', {
        as: 'responder',
        body: {
          name: 'Primary',
          timeZone: 'UTC',
          layers: [
            {
              participants: [users.admin.userId],
              rotation: { kind: 'weekly' },
              handoffTime: '09:00',
              startDate: '2026-02-02',
            },
          ],
        },
      }),
      201,
    );
    await notifyAtOnce(api(), 'admin', { type: 'email', address: 'admin@example.com' });
    expect(await done()).toEqual(['service', 'integration', 'schedule', 'policy', 'contactMethod']);
    // Another person's contact method is theirs: the viewer has not added one.
    expect(await done('viewer')).not.toContain('contactMethod');

    const sent = ok<TestAlertResult>(
      await api().call('POST', `/api/v1/integrations/${integration.id}/test-alert`, { as: 'responder' }),
      201,
    );
    expect(sent).toMatchObject({
      result: 'created',
      incident: { ref: 'INC-1', status: 'triggered', isNew: true },
    });
    const alert = ok<Alert>(await api().call('GET', `/api/v1/alerts/${String(sent.alertId)}`));
    expect(alert).toMatchObject({ severity: 'critical', labels: { alertname: 'BeaconTestAlert' } });
    expect(alert.summary).toBe('Test alert from Prometheus, sent by Responder');
    const incident = ok<Incident>(await api().call('GET', '/api/v1/incidents/INC-1'));
    expect(incident.services.map((s) => s.id)).toEqual([serviceId]);
    expect(await done()).not.toContain('testPage');

    const paging = pagingEngine(api().db.ctx, smtp().url);
    try {
      // The first step fires at once; the email waits out the 10 s bundle window.
      await paging.tick();
      api().clock.advance(10_000);
      await paging.tick();
    } finally {
      await paging.close();
    }
    expect(smtp().messages.map((m) => m.subject)).toEqual([expect.stringContaining('INC-1')]);
    expect(await checklist()).toMatchObject({ isComplete: true });
  });

  it('sends each test alert as a new alert, and none for a disabled integration', async () => {
    const service = ok<{ id: number }>(
      await api().call('POST', '/api/v1/services', { body: { name: 'web' } }),
      201,
    );
    const integration = ok<IntegrationWithKey>(
      await api().call('POST', `/api/v1/services/${service.id}/integrations`, {
        body: { type: 'generic', name: 'Scripts' },
      }),
      201,
    );
    const send = () => api().call('POST', `/api/v1/integrations/${integration.id}/test-alert`);
    const first = ok<TestAlertResult>(await send(), 201);
    const second = ok<TestAlertResult>(await send(), 201);
    expect(second.alertId).not.toBe(first.alertId);
    expect(second.incident).toMatchObject({ ref: first.incident?.ref, isNew: false });

    expectProblem(
      await api().call('POST', `/api/v1/integrations/${integration.id}/test-alert`, { as: 'viewer' }),
      403,
    );
    ok(await api().call('PATCH', `/api/v1/integrations/${integration.id}`, { body: { disabled: true } }));
    expectProblem(await send(), 409);
    expectProblem(await api().call('POST', '/api/v1/integrations/999/test-alert'), 404);
    const alerts = ok<{ items: Alert[] }>(await api().call('GET', '/api/v1/alerts'));
    expect(alerts.items).toHaveLength(2);
  });

  it('is put away and brought back per person', async () => {
    const dismissed = ok<GettingStarted>(await api().call('PUT', '/api/v1/me/getting-started/dismissed'));
    expect(dismissed.dismissedAt).toBe(new Date(api().clock.now()).toISOString());
    api().clock.advance(60_000);
    ok(await api().call('PUT', '/api/v1/me/getting-started/dismissed'));
    expect((await checklist()).dismissedAt).toBe(dismissed.dismissedAt);
    expect((await checklist('viewer')).dismissedAt).toBeNull();
    const back = ok<GettingStarted>(await api().call('DELETE', '/api/v1/me/getting-started/dismissed'));
    expect(back.dismissedAt).toBeNull();
    expectProblem(await api().call('GET', '/api/v1/me/getting-started', { as: null }), 401);
  });
});
