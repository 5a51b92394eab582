import { expect, it } from 'vitest';
import type {
  ComponentGroup,
  PublicIncidentState,
  PublicUpdate,
  StatusComponent,
  StatusPageSettings,
  UpdateTemplate,
} from '../../../core/schemas/status-page.js';
import type { PublicIncidentView } from '../../../core/status/snapshot.js';
import { loadStatusSnapshot, statusPageVersion } from '../../commands/status/load-snapshot.js';
import { type ApiHarness, useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  act,
  createService,
  declare,
  expectProblem,
  ok,
  readIncident,
  readTimeline,
} from '../../../../test/support/server/http/api-test-helpers.js';

const HOUR = 3_600_000;
const BASE_URL = 'https://beacon.example.com';

const version = (api: ApiHarness) => statusPageVersion(api.db.ctx);
const snapshotOf = (api: ApiHarness) => loadStatusSnapshot(api.db.ctx, { baseUrl: BASE_URL });

async function createComponent(api: ApiHarness, body: Record<string, unknown>): Promise<StatusComponent> {
  return ok<StatusComponent>(await api.call('POST', '/api/v1/status-page/components', { body }), 201);
}

describeEachDialect('status page API', (dialect) => {
  const api = useApiHarness(dialect);

  it('keeps settings, groups, components and templates, for admins only, refusing bad input', async () => {
    const settings = ok<StatusPageSettings>(await api().call('GET', '/api/v1/status-page', { as: 'viewer' }));
    expect(settings).toMatchObject({ name: 'Status', timeZone: 'UTC', isPrivate: false });
    expect(settings.url).toMatch(/\/status$/);
    const v0 = await version(api());
    expectProblem(
      await api().call('PATCH', '/api/v1/status-page', { as: 'responder', body: { name: 'X' } }),
      403,
    );
    expectProblem(
      await api().call('PATCH', '/api/v1/status-page', { body: { name: 'Acme', timeZone: 'Mars/Olympus' } }),
      400,
      'timeZone',
    );
    expect(await version(api())).toBe(v0);
    const changed = ok<StatusPageSettings>(
      await api().call('PATCH', '/api/v1/status-page', {
        body: { name: 'Acme status', timeZone: 'Europe/Berlin', brandColor: '#AA3300', isPrivate: true },
      }),
    );
    expect(changed).toMatchObject({ name: 'Acme status', timeZone: 'Europe/Berlin', brandColor: '#aa3300' });
    expect(await version(api())).toBe(v0 + 1);

    const service = await createService(api(), 'checkout');
    expectProblem(
      await api().call('POST', '/api/v1/status-page/groups', { as: 'responder', body: { name: 'Shop' } }),
      403,
    );
    const group = ok<ComponentGroup>(
      await api().call('POST', '/api/v1/status-page/groups', { body: { name: 'Shop', position: 1 } }),
      201,
    );
    expectProblem(
      await api().call('POST', '/api/v1/status-page/components', { body: { name: 'Web', groupId: 9999 } }),
      400,
      'groupId',
    );
    expectProblem(
      await api().call('POST', '/api/v1/status-page/components', {
        body: { name: 'Web', serviceIds: [9999] },
      }),
      400,
      'serviceIds',
    );
    const web = await createComponent(api(), { name: 'Web', groupId: group.id, serviceIds: [service.id] });
    expect(web).toMatchObject({
      groupId: group.id,
      serviceIds: [service.id],
      statusMode: 'derived',
      status: 'operational',
    });
    const patched = ok<StatusComponent>(
      await api().call('PATCH', `/api/v1/status-page/components/${web.id}`, {
        body: { manualStatus: 'degraded_performance', description: 'The shop' },
      }),
    );
    expect(patched).toMatchObject({ manualStatus: 'degraded_performance', status: 'degraded_performance' });
    const listed = ok<{ items: StatusComponent[] }>(
      await api().call('GET', '/api/v1/status-page/components', { as: 'viewer' }),
    );
    expect(listed.items.map((c) => c.name)).toEqual(['Web']);

    const beforeDelete = await version(api());
    expect((await api().call('DELETE', `/api/v1/status-page/groups/${group.id}`)).statusCode).toBe(204);
    expect(await version(api())).toBe(beforeDelete + 1);
    const [ungrouped] = ok<{ items: StatusComponent[] }>(
      await api().call('GET', '/api/v1/status-page/components'),
    ).items;
    expect(ungrouped?.groupId).toBeNull();
    expectProblem(
      await api().call('PATCH', `/api/v1/status-page/groups/${group.id}`, { body: { name: 'Y' } }),
      404,
    );

    const template = ok<UpdateTemplate>(
      await api().call('POST', '/api/v1/status-page/templates', {
        body: { name: 'Investigating', status: 'investigating', message: 'We are looking into it.' },
      }),
      201,
    );
    expectProblem(
      await api().call('PATCH', `/api/v1/status-page/templates/${template.id}`, {
        as: 'responder',
        body: { name: 'Z' },
      }),
      403,
    );
    const renamed = ok<UpdateTemplate>(
      await api().call('PATCH', `/api/v1/status-page/templates/${template.id}`, {
        body: { name: 'First look' },
      }),
    );
    expect(renamed).toMatchObject({ name: 'First look', status: 'investigating' });
    expect((await api().call('DELETE', `/api/v1/status-page/templates/${template.id}`)).statusCode).toBe(204);
    expect(
      ok<{ items: UpdateTemplate[] }>(
        await api().call('GET', '/api/v1/status-page/templates', { as: 'viewer' }),
      ).items,
    ).toEqual([]);
    expect((await api().call('DELETE', `/api/v1/status-page/components/${web.id}`)).statusCode).toBe(204);
    expect((await snapshotOf(api())).components).toEqual([]);
  });

  it('publishes an incident with its customer message and component statuses, and nothing internal', async () => {
    const service = await createService(api(), 'payments');
    const derived = await createComponent(api(), { name: 'Payments API', serviceIds: [service.id] });
    const manual = await createComponent(api(), { name: 'Dashboard', statusMode: 'manual' });
    const incident = await declare(api(), {
      title: 'SECRET-TITLE-c41 card processor timeouts',
      summary: 'SECRET-SUMMARY-9e2 vendor contract issue',
    });
    ok(
      await api().call('POST', `/api/v1/incidents/${incident.ref}/notes`, {
        as: 'responder',
        body: { body: 'SECRET-NOTE-77d blame the vendor' },
      }),
      201,
    );
    ok(
      await api().call('POST', `/api/v1/incidents/${incident.ref}/updates`, {
        as: 'responder',
        body: { message: 'SECRET-UPDATE-5b0 failover is half done' },
      }),
      201,
    );
    await declare(api(), { title: 'SECRET-UNPUBLISHED-a1 other incident' });

    const publish = {
      status: 'investigating',
      message: 'Some card payments fail. We are investigating.',
      publicTitle: 'Card payments failing',
      components: [
        { componentId: derived.id, status: 'major_outage' },
        { componentId: manual.id, status: 'partial_outage' },
      ],
    };
    const v0 = await version(api());
    const preview = ok<PublicIncidentView>(
      await api().call('POST', `/api/v1/incidents/${incident.ref}/public-updates/preview`, {
        as: 'responder',
        body: publish,
      }),
    );
    expect(preview).toMatchObject({
      name: 'Card payments failing',
      status: 'investigating',
      impact: 'critical',
    });
    expect(preview.updates[0]?.affectedComponents).toEqual([
      { id: String(derived.id), name: 'Payments API', oldStatus: 'operational', newStatus: 'major_outage' },
      { id: String(manual.id), name: 'Dashboard', oldStatus: 'operational', newStatus: 'partial_outage' },
    ]);
    expectProblem(
      await api().call('POST', `/api/v1/incidents/${incident.ref}/public-updates`, {
        as: 'viewer',
        body: publish,
      }),
      403,
    );
    expectProblem(
      await api().call('POST', `/api/v1/incidents/${incident.ref}/public-updates`, {
        as: 'responder',
        body: { ...publish, components: [{ componentId: 99_999, status: 'major_outage' }] },
      }),
      400,
      'components.0.componentId',
    );
    const unpublished = ok<PublicIncidentState>(
      await api().call('GET', `/api/v1/incidents/${incident.ref}/public-updates`, { as: 'viewer' }),
    );
    expect(unpublished).toEqual({ isPublished: false, publicTitle: null, impact: null, items: [] });
    expect(await version(api())).toBe(v0);
    expect((await snapshotOf(api())).incidents).toEqual([]);

    const first = ok<PublicUpdate>(
      await api().call('POST', `/api/v1/incidents/${incident.ref}/public-updates`, {
        as: 'responder',
        body: publish,
      }),
      201,
    );
    expect(first).toMatchObject({ status: 'investigating', editedAt: null, author: { name: 'Responder' } });
    expect(await version(api())).toBe(v0 + 1);
    const timeline = await readTimeline(api(), incident.ref);
    expect(timeline.at(-1)).toMatchObject({
      kind: 'public_update',
      body: expect.stringContaining(
        'Published to the status page: Investigating — Some card payments fail. We are investigating.',
      ) as unknown,
    });

    api().clock.advance(HOUR);
    let snapshot = await snapshotOf(api());
    expect(snapshot.incidents).toHaveLength(1);
    expect(snapshot.incidents[0]).toMatchObject({
      id: String(incident.id),
      name: 'Card payments failing',
      status: 'investigating',
      impact: 'critical',
      shortlink: `${BASE_URL}/status/incidents/${incident.id}`,
      componentIds: [String(derived.id), String(manual.id)],
      updates: [{ body: 'Some card payments fail. We are investigating.', status: 'investigating' }],
    });
    const statusOf = (id: number) => snapshot.components.find((c) => c.id === String(id));
    expect(statusOf(derived.id)?.status).toBe('major_outage');
    expect(statusOf(manual.id)?.status).toBe('partial_outage');
    expect(statusOf(derived.id)?.uptime).toHaveLength(90);
    expect(statusOf(derived.id)?.uptime.at(-1)?.majorOutageMs).toBe(HOUR);
    expect(statusOf(manual.id)?.uptime.at(-1)?.partialOutageMs).toBe(HOUR);
    expect(JSON.stringify(snapshot)).not.toMatch(/SECRET-/);

    // A correction is shown as updated; resolving inside Beacon publishes nothing by itself.
    api().clock.advance(HOUR);
    const corrected = ok<PublicUpdate>(
      await api().call('PATCH', `/api/v1/incidents/${incident.ref}/public-updates/${first.id}`, {
        as: 'responder',
        body: { message: 'Card payments fail for some customers.', status: 'identified' },
      }),
    );
    expect(corrected.editedAt).toBe(new Date(api().clock.now()).toISOString());
    const current = await readIncident(api(), incident.ref);
    ok(
      await act(api(), incident.ref, 'resolve', {
        resolutionSummary: 'SECRET-RESOLUTION-3c failover',
        version: current.version,
      }),
    );
    snapshot = await snapshotOf(api());
    expect(snapshot.incidents[0]).toMatchObject({ status: 'identified', resolvedAt: null });
    expect(snapshot.incidents[0]?.updates[0]).toMatchObject({
      body: 'Card payments fail for some customers.',
      updatedAt: api().clock.now(),
      createdAt: api().clock.now() - 2 * HOUR,
    });
    expect(statusOf(derived.id)?.status).toBe('major_outage');

    const v1 = await version(api());
    ok(
      await api().call('POST', `/api/v1/incidents/${incident.ref}/public-updates`, {
        as: 'responder',
        body: {
          status: 'resolved',
          message: 'Card payments work again.',
          components: [{ componentId: manual.id, status: 'operational' }],
        },
      }),
      201,
    );
    expect(await version(api())).toBe(v1 + 1);
    snapshot = await snapshotOf(api());
    expect(snapshot.incidents[0]).toMatchObject({ status: 'resolved', resolvedAt: api().clock.now() });
    expect(snapshot.components.map((c) => c.status)).toEqual(['operational', 'operational']);
    expect(JSON.stringify(snapshot)).not.toMatch(/SECRET-/);
    const state = ok<PublicIncidentState>(
      await api().call('GET', `/api/v1/incidents/${incident.ref}/public-updates`, { as: 'viewer' }),
    );
    expect(state).toMatchObject({
      isPublished: true,
      publicTitle: 'Card payments failing',
      impact: 'critical',
    });
    expect(state.items.map((u) => u.status)).toEqual(['resolved', 'identified']);
  });

  it('derives status and uptime from the checks and maintenance of the services behind a component', async () => {
    const { db } = api().db.ctx.store;
    const service = await createService(api(), 'search');
    const component = await createComponent(api(), { name: 'Search', serviceIds: [service.id] });
    const now = api().clock.now();
    const check = (name: string, status: string) =>
      db
        .insertInto('checks')
        .values({
          service_id: service.id,
          name,
          type: 'http',
          config: '{}',
          interval_seconds: 600,
          timeout_ms: 1000,
          retries: 0,
          heartbeat_token: null,
          status,
          consecutive_failures: 0,
          last_checked_at: now,
          last_ping_at: null,
          last_message: null,
          next_run_at: now,
          lease_owner: null,
          lease_expires_at: null,
          paused_at: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const failing = await check('home', 'down');
    const passing = await check('api', 'up');
    // Results every 20 minutes from 08:00 to 11:40; `home` is down from 09:00 to 10:00.
    const results = [];
    for (let at = now - 4 * HOUR; at < now; at += HOUR / 3) {
      const isDown = at >= now - 3 * HOUR && at < now - 2 * HOUR;
      results.push({ check_id: failing.id, at, is_up: isDown ? 0 : 1, latency_ms: 5, message: null });
      results.push({ check_id: passing.id, at, is_up: 1, latency_ms: 5, message: null });
    }
    await db.insertInto('check_results').values(results).execute();

    let snapshot = await snapshotOf(api());
    const [search] = snapshot.components;
    expect(search).toMatchObject({ id: String(component.id), status: 'partial_outage' });
    expect(search?.uptime.at(-1)).toEqual({
      date: '2026-03-01',
      uptime: 0.75,
      partialOutageMs: HOUR,
      majorOutageMs: 0,
    });
    expect(search?.uptime.at(-2)?.uptime).toBeNull();

    ok(
      await api().call('POST', `/api/v1/services/${service.id}/maintenance`, {
        as: 'responder',
        body: {
          startsAt: new Date(now).toISOString(),
          endsAt: new Date(now + HOUR).toISOString(),
          reason: 'Index rebuild',
        },
      }),
      201,
    );
    snapshot = await snapshotOf(api());
    expect(snapshot.components[0]?.status).toBe('under_maintenance');
    expect(snapshot.maintenances).toEqual([
      expect.objectContaining({
        name: 'Index rebuild',
        status: 'in_progress',
        componentIds: [String(component.id)],
        scheduledFor: now,
        scheduledUntil: now + HOUR,
      }),
    ]);
    api().clock.advance(2 * HOUR);
    snapshot = await snapshotOf(api());
    expect(snapshot.maintenances[0]).toMatchObject({ status: 'completed', resolvedAt: now + HOUR });
    expect(snapshot.components[0]?.status).toBe('partial_outage');
  });
});
