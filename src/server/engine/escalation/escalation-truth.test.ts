import { expect, it } from 'vitest';
import type { Incident } from '../../../core/schemas/incident.js';
import type { EscalationState, OutboxItem, PagingPreview } from '../../../core/schemas/oncall.js';
import { expectProblem, ok } from '../../../../test/support/server/http/api-test-helpers.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  pagingEngine,
  serviceWithPolicy,
  useSmtpSink,
  trigger,
} from '../../../../test/support/server/engine/escalation/paging-test-helpers.js';

const MINUTE = 60_000;

describeEachDialect('escalation that tells the truth', (dialect) => {
  const api = useApiHarness(dialect);
  const smtp = useSmtpSink();

  const escalation = async (ref: string) =>
    ok<EscalationState>(await api().call('GET', `/api/v1/incidents/${ref}/escalation`));
  const responderPolicy = () =>
    serviceWithPolicy(api(), [
      { delayMinutes: 5, targets: [{ type: 'user', id: api().users.responder.userId }] },
    ]);

  it('says an incident declared as investigating pages nobody, and who triggered would page', async () => {
    const { serviceId } = await responderPolicy();
    ok(
      await api().call('POST', '/api/v1/incidents', {
        as: 'responder',
        body: { title: 'Slow search', serviceIds: [serviceId] },
      }),
      201,
    );
    const state = await escalation('INC-1');
    expect(state).toMatchObject({ reason: 'not_triggered', isActive: false, paged: [], canEscalate: false });
    expect(state.reasonText).toContain('not triggered');
    const preview = ok<PagingPreview>(
      await api().call('GET', `/api/v1/paging-preview?serviceIds=${serviceId}`),
    );
    expect(preview).toMatchObject({ reason: 'escalating', names: ['Responder'] });
    expect(preview.reasonText).toMatch(/^Triggered pages Responder at once \(policy-\d+\)\.$/);
    const none = ok<PagingPreview>(await api().call('GET', '/api/v1/paging-preview'));
    expect(none).toMatchObject({ reason: 'no_policy', policy: null, names: [] });
    for (const bad of ['0', '01', '1,,2', '99999999999', '2147483648', '1;2'])
      expectProblem(await api().call('GET', `/api/v1/paging-preview?serviceIds=${bad}`), 400, 'serviceIds');
  });

  it('names a missing policy and nobody on call as the reason', async () => {
    const bare = ok<{ id: number }>(
      await api().call('POST', '/api/v1/services', { body: { name: 'bare' } }),
      201,
    );
    await trigger(api(), bare.id, 'No policy here');
    expect((await escalation('INC-1')).reason).toBe('no_policy');

    const { serviceId } = await serviceWithPolicy(api(), [
      { delayMinutes: 5, targets: [{ type: 'user', id: api().users.viewer.userId }] },
    ]);
    ok(await api().call('PATCH', `/api/v1/users/${api().users.viewer.userId}`, { body: { disabled: true } }));
    await trigger(api(), serviceId, 'Nobody home');
    const state = await escalation('INC-2');
    expect(state).toMatchObject({ reason: 'nobody_on_call', isActive: true });
    expect(state.reasonText).toContain('Nobody is on call');
  });

  it('holds paging while the service is in maintenance and pages when it ends', async () => {
    const { serviceId } = await responderPolicy();
    const now = api().clock.now();
    ok(
      await api().call('POST', `/api/v1/services/${serviceId}/maintenance`, {
        as: 'responder',
        body: { startsAt: new Date(now).toISOString(), endsAt: new Date(now + 30 * MINUTE).toISOString() },
      }),
      201,
    );
    const engine = pagingEngine(api().db.ctx, smtp().url, { notifyBundleSeconds: 0 });
    await trigger(api(), serviceId, 'Deploying');
    await engine.tick();
    const held = await escalation('INC-1');
    expect(held).toMatchObject({ reason: 'maintenance', paged: [] });
    expect(held.reasonText).toContain('in maintenance until 2026-03-01 12:30 UTC');
    api().clock.advance(30 * MINUTE);
    await engine.tick();
    await engine.tick();
    expect(smtp().messages.map((m) => m.subject)).toEqual(['[Beacon] INC-1 triggered: Deploying']);
    const paged = await escalation('INC-1');
    expect(paged.reason).toBe('completed');
    expect(paged.paged).toMatchObject([
      { user: { name: 'Responder' }, delivery: 'sent', hasAcknowledged: false },
    ]);
    await engine.close();
  });

  it('lists who was paged and who acknowledged; the acknowledger becomes commander', async () => {
    const { serviceId } = await responderPolicy();
    const engine = pagingEngine(api().db.ctx, smtp().url, { notifyBundleSeconds: 0 });
    await trigger(api(), serviceId);
    await engine.tick();
    const acked = ok<Incident>(
      await api().call('POST', '/api/v1/incidents/INC-1/acknowledge', { as: 'responder', body: {} }),
    );
    expect(acked.commander?.name).toBe('Responder');
    const state = await escalation('INC-1');
    expect(state).toMatchObject({
      reason: 'acknowledged',
      acknowledgedBy: { id: api().users.responder.userId, name: 'Responder' },
      paged: [{ user: { name: 'Responder' }, reason: 'escalation step 1', hasAcknowledged: true }],
    });
    expect(acked.version).toBe(2); // one change: acknowledged, with its commander
    const timeline = ok<{ items: Array<{ kind: string; changes: Record<string, unknown> | null }> }>(
      await api().call('GET', '/api/v1/incidents/INC-1/timeline'),
    ).items;
    expect(timeline.find((e) => e.kind === 'acknowledged')?.changes).toMatchObject({
      status: { before: 'triggered', after: 'investigating' },
      commander: { before: null, after: 'Responder' },
    });
    await engine.close();
  });

  it('leaves the commander alone when one is set or the setting is off', async () => {
    const { serviceId } = await responderPolicy();
    ok(
      await api().call('POST', '/api/v1/incidents', {
        as: 'responder',
        body: {
          title: 'Led',
          status: 'triggered',
          serviceIds: [serviceId],
          commanderId: api().users.admin.userId,
        },
      }),
      201,
    );
    const led = ok<Incident>(
      await api().call('POST', '/api/v1/incidents/INC-1/acknowledge', { as: 'responder', body: {} }),
    );
    expect(led.commander?.name).toBe('Admin');
    ok(await api().call('PATCH', '/api/v1/settings', { body: { assignCommanderOnAcknowledge: false } }));
    await trigger(api(), serviceId, 'Nobody leads');
    const open = ok<Incident>(
      await api().call('POST', '/api/v1/incidents/INC-2/acknowledge', { as: 'responder', body: {} }),
    );
    expect(open.commander).toBeNull();
  });

  it('refuses to reassign or escalate a resolved or merged incident with 409', async () => {
    const { serviceId } = await responderPolicy();
    await trigger(api(), serviceId, 'Done');
    await trigger(api(), serviceId, 'Same thing');
    ok(
      await api().call('POST', '/api/v1/incidents/INC-2/merge', { as: 'responder', body: { into: 'INC-1' } }),
    );
    ok(
      await api().call('POST', '/api/v1/incidents/INC-1/resolve', {
        as: 'responder',
        body: { resolutionSummary: 'fixed' },
      }),
    );
    for (const ref of ['INC-1', 'INC-2']) {
      for (const [path, body] of [
        ['escalate', undefined],
        ['reassign', { userIds: [api().users.viewer.userId] }],
      ] as const) {
        const reply = await api().call('POST', `/api/v1/incidents/${ref}/${path}`, { as: 'responder', body });
        expect(reply.statusCode, reply.body).toBe(409);
        expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(reply.json<{ type: string }>().type).toBe('https://beacon.dev/problems/invalid_transition');
      }
      expect(await escalation(ref)).toMatchObject({
        reason: 'finished',
        canReassign: false,
        canEscalate: false,
      });
    }
    expect(smtp().messages).toHaveLength(0);
  });

  it('cancels queued pages with the reason, and words a page by the real status', async () => {
    const { serviceId } = await responderPolicy();
    const engine = pagingEngine(api().db.ctx, smtp().url);
    await trigger(api(), serviceId, 'Acked before the page');
    await trigger(api(), serviceId, 'Resolved before the page');
    await engine.escalate();
    ok(
      await api().call('POST', '/api/v1/incidents/INC-2/reassign', {
        as: 'responder',
        body: { userIds: [api().users.viewer.userId] },
      }),
    );
    ok(await api().call('POST', '/api/v1/incidents/INC-1/acknowledge', { as: 'admin', body: {} }));
    ok(
      await api().call('POST', '/api/v1/incidents/INC-2/resolve', {
        as: 'responder',
        body: { resolutionSummary: 'gone' },
      }),
    );
    await trigger(api(), serviceId, 'Reassigned after acknowledging');
    ok(await api().call('POST', '/api/v1/incidents/INC-3/acknowledge', { as: 'responder', body: {} }));
    ok(
      await api().call('POST', '/api/v1/incidents/INC-3/reassign', {
        as: 'responder',
        body: { userIds: [api().users.viewer.userId] },
      }),
    );
    api().clock.advance(10_000);
    await engine.deliver();
    // The responder's bundle (INC-1 acknowledged, INC-2 resolved) is cancelled; the viewer's
    // bundle of two reassignments goes out about INC-3 only, worded by its real status.
    const outbox = ok<{ items: OutboxItem[] }>(await api().call('GET', '/api/v1/notifications')).items;
    expect(outbox.map((item) => [item.incidentRefs.join(','), item.status, item.cancelReason])).toEqual([
      ['INC-2,INC-3', 'sent', null],
      ['INC-1,INC-2', 'cancelled', 'resolved'],
    ]);
    expect(smtp().messages.map((m) => m.subject)).toEqual([
      '[Beacon] INC-3 investigating: Reassigned after acknowledging',
    ]);
    await engine.close();
  });

  it('cancels a page whose only incident was acknowledged, saying so', async () => {
    const { serviceId } = await responderPolicy();
    const engine = pagingEngine(api().db.ctx, smtp().url);
    await trigger(api(), serviceId, 'Quick ack');
    await engine.escalate();
    ok(await api().call('POST', '/api/v1/incidents/INC-1/acknowledge', { as: 'responder', body: {} }));
    api().clock.advance(10_000);
    await engine.deliver();
    const [item] = ok<{ items: OutboxItem[] }>(await api().call('GET', '/api/v1/notifications')).items;
    expect(item).toMatchObject({ status: 'cancelled', cancelReason: 'acknowledged', lastError: null });
    expect((await escalation('INC-1')).paged).toMatchObject([
      { delivery: 'cancelled', hasAcknowledged: true },
    ]);
    await engine.close();
  });
});
