import { expect, it } from 'vitest';
import type { Incident } from '../../../core/schemas/incident.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  createService,
  declare,
  expectProblem,
  ok,
  readIncident,
  readTimeline,
  snapshot,
} from '../../../../test/support/server/http/api-test-helpers.js';

describeEachDialect('incidents API: declare, read, edit', (dialect) => {
  const api = useApiHarness(dialect);
  const patch = (ref: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
    api().call('PATCH', `/api/v1/incidents/${ref}`, {
      as: 'responder',
      body,
      ...(headers ? { headers } : {}),
    });

  it('declares with defaults: SEV3, medium/medium = P3, investigating and acknowledged now', async () => {
    const res = await api().call('POST', '/api/v1/incidents', {
      as: 'responder',
      body: { title: '  Checkout is failing ' },
    });
    const incident = ok<Incident>(res, 201);
    expect(incident).toMatchObject({
      ref: 'INC-1',
      number: 1,
      title: 'Checkout is failing',
      severity: 'SEV3',
      impact: 'medium',
      urgency: 'medium',
      priority: 'P3',
      status: 'investigating',
      acknowledgedAt: '2026-03-01T12:00:00.000Z',
      resolvedAt: null,
      version: 1,
    });
    expect(res.headers.location).toBe('/api/v1/incidents/INC-1');
    expect(res.headers.etag).toBe('"1"');
  });

  it('declares a triggered incident without an acknowledgement', async () => {
    const incident = await declare(api(), {
      status: 'triggered',
      impact: 'high',
      urgency: 'high',
      severity: 'SEV1',
    });
    expect(incident).toMatchObject({ status: 'triggered', acknowledgedAt: null, priority: 'P1' });
  });

  it('lets the severity propose impact and urgency: SEV1 is P1 unless someone chose otherwise', async () => {
    const priorities = [];
    for (const severity of ['SEV1', 'SEV2', 'SEV3', 'SEV4'])
      priorities.push((await declare(api(), { severity })).priority);
    expect(priorities).toEqual(['P1', 'P2', 'P3', 'P4']);
    const chosen = await declare(api(), { severity: 'SEV1', urgency: 'low' });
    expect(chosen).toMatchObject({ impact: 'high', urgency: 'low', priority: 'P3' });
  });

  it('moves proposed impact and urgency with a new severity, and keeps chosen ones', async () => {
    const proposed = await declare(api(), { severity: 'SEV3' });
    const raised = ok<Incident>(await patch(proposed.ref, { severity: 'SEV1' }));
    expect(raised).toMatchObject({ impact: 'high', urgency: 'high', priority: 'P1' });
    const entry = (await readTimeline(api(), proposed.ref)).at(-1);
    expect(entry?.changes).toMatchObject({
      severity: { before: 'SEV3', after: 'SEV1' },
      impact: { before: 'medium', after: 'high' },
      urgency: { before: 'medium', after: 'high' },
      priority: { before: 'P3', after: 'P1' },
    });

    const chosen = await declare(api(), { severity: 'SEV3', impact: 'low', urgency: 'low' });
    const kept = ok<Incident>(await patch(chosen.ref, { severity: 'SEV1' }));
    expect(kept).toMatchObject({ severity: 'SEV1', impact: 'low', urgency: 'low', priority: 'P5' });

    const both = ok<Incident>(await patch(proposed.ref, { severity: 'SEV2', urgency: 'low' }));
    expect(both).toMatchObject({ severity: 'SEV2', impact: 'high', urgency: 'low', priority: 'P3' });
  });

  it('numbers incidents INC-1, INC-2… with no gap when a declare is rejected in between', async () => {
    expect((await declare(api())).ref).toBe('INC-1');
    const rejected = [
      { body: { title: '' }, field: 'title' },
      { body: { title: 'x', serviceIds: [999] }, field: 'serviceIds' },
      { body: { title: 'x', category: 'not-a-category' }, field: 'category' },
      { body: { title: 'x', commanderId: 999 }, field: 'commanderId' },
      { body: { title: 'x', startedAt: '2030-01-01T00:00:00Z' }, field: 'startedAt' },
      { body: { title: 'x', severity: 'SEV9' }, field: 'severity' },
    ];
    for (const { body, field } of rejected) {
      expectProblem(await api().call('POST', '/api/v1/incidents', { as: 'responder', body }), 400, field);
    }
    expect((await declare(api())).ref).toBe('INC-2');
    const page = ok<{ items: Incident[] }>(await api().call('GET', '/api/v1/incidents', { as: 'viewer' }));
    expect(page.items.map((i) => i.ref)).toEqual(['INC-2', 'INC-1']);
  });

  it('reads an incident by INC-n and by n with an ETag, 404s unknown refs and 400s malformed ones', async () => {
    const incident = await declare(api());
    const byRef = await api().call('GET', '/api/v1/incidents/INC-1', { as: 'viewer' });
    expect(ok<Incident>(byRef)).toEqual(incident);
    expect(byRef.headers.etag).toBe('"1"');
    expect(await readIncident(api(), 1)).toEqual(incident);
    expect(await readIncident(api(), 'inc-1')).toEqual(incident);
    for (const ref of ['INC-2', '2']) {
      expectProblem(await api().call('GET', `/api/v1/incidents/${ref}`, { as: 'viewer' }), 404);
    }
    expectProblem(await api().call('GET', '/api/v1/incidents/nonsense', { as: 'viewer' }), 400, 'ref');
  });

  it('edits fields, records before and after on the timeline and returns the new ETag', async () => {
    await declare(api(), { title: 'Checkout is failing' });
    api().clock.advance(60_000);
    const res = await patch('INC-1', {
      title: 'Checkout fails for EU',
      severity: 'SEV2',
      category: 'outage',
    });
    const updated = ok<Incident>(res);
    expect(updated).toMatchObject({
      title: 'Checkout fails for EU',
      severity: 'SEV2',
      category: 'outage',
      version: 2,
      updatedAt: '2026-03-01T12:01:00.000Z',
    });
    expect(res.headers.etag).toBe('"2"');
    const last = (await readTimeline(api(), 'INC-1')).at(-1);
    expect(last).toMatchObject({
      kind: 'updated',
      at: '2026-03-01T12:01:00.000Z',
      actor: { type: 'user', id: api().users.responder.userId, name: 'Responder' },
      changes: {
        title: { before: 'Checkout is failing', after: 'Checkout fails for EU' },
        severity: { before: 'SEV3', after: 'SEV2' },
        category: { before: null, after: 'outage' },
      },
    });
  });

  it('recomputes priority from impact × urgency (ITIL matrix)', async () => {
    await declare(api());
    const matrix = [
      ['high', 'high', 'P1'],
      ['high', 'medium', 'P2'],
      ['medium', 'high', 'P2'],
      ['high', 'low', 'P3'],
      ['low', 'high', 'P3'],
      ['medium', 'medium', 'P3'],
      ['medium', 'low', 'P4'],
      ['low', 'medium', 'P4'],
      ['low', 'low', 'P5'],
    ] as const;
    let previous = 'P3';
    for (const [impact, urgency, priority] of matrix) {
      expect(ok<Incident>(await patch('INC-1', { impact, urgency })).priority, `${impact}/${urgency}`).toBe(
        priority,
      );
      const last = (await readTimeline(api(), 'INC-1')).at(-1);
      if (priority !== previous)
        expect(last?.changes?.priority).toEqual({ before: previous, after: priority });
      previous = priority;
    }
  });

  it('rejects a stale version in the body with 409 naming version, changing nothing', async () => {
    await declare(api());
    ok(await patch('INC-1', { title: 'First edit', version: 1 }));
    const before = await snapshot(api(), 'INC-1');
    expectProblem(await patch('INC-1', { title: 'Lost update', version: 1 }), 409, 'version');
    expect(await snapshot(api(), 'INC-1')).toEqual(before);
  });

  it('honours If-Match: the current ETag works, a stale one is 409, a malformed one is 400', async () => {
    await declare(api());
    const etag = (await api().call('GET', '/api/v1/incidents/INC-1', { as: 'viewer' })).headers
      .etag as string;
    const res = await patch('INC-1', { title: 'Guarded edit' }, { 'if-match': etag });
    expect(ok<Incident>(res).version).toBe(2);
    const before = await snapshot(api(), 'INC-1');
    expectProblem(await patch('INC-1', { title: 'Lost update' }, { 'if-match': etag }), 409, 'version');
    expectProblem(
      await patch('INC-1', { title: 'Lost update' }, { 'if-match': 'yesterday' }),
      400,
      'If-Match',
    );
    expect(await snapshot(api(), 'INC-1')).toEqual(before);
    expect(ok<Incident>(await patch('INC-1', { title: 'Weak ETag' }, { 'if-match': 'W/"2"' })).version).toBe(
      3,
    );
  });

  it('rejects bad edits with 400 naming the field, changing nothing', async () => {
    await declare(api());
    const disabled = ok<{ id: number }>(
      await api().call('POST', '/api/v1/users', {
        body: { email: 'gone@example.com', role: 'responder', password: 'long-enough-pw' },
      }),
      201,
    );
    ok(await api().call('PATCH', `/api/v1/users/${disabled.id}`, { body: { disabled: true } }));
    const before = await snapshot(api(), 'INC-1');
    const cases = [
      { body: { title: 'x', colour: 'red' }, field: 'colour' },
      { body: { category: 'hardware' }, field: 'category' },
      { body: { serviceIds: [42] }, field: 'serviceIds' },
      { body: { commanderId: 999 }, field: 'commanderId' },
      { body: { commanderId: disabled.id }, field: 'commanderId' },
      { body: { impact: 'extreme' }, field: 'impact' },
      { body: { title: '   ' }, field: 'title' },
      { body: { tags: ['no spaces allowed'] }, field: 'tags.0' },
      { body: { mitigatedAt: '2030-01-01T00:00:00Z' }, field: 'mitigatedAt' },
    ];
    for (const { body, field } of cases) expectProblem(await patch('INC-1', body), 400, field);
    expect(await snapshot(api(), 'INC-1')).toEqual(before);
  });

  it('sets services and an active commander, naming them on the timeline', async () => {
    await declare(api());
    const web = await createService(api(), 'web');
    const db = await createService(api(), 'database');
    const updated = ok<Incident>(
      await patch('INC-1', {
        serviceIds: [web.id, db.id],
        commanderId: api().users.responder.userId,
        tags: ['eu', 'eu', 'checkout'],
      }),
    );
    expect(updated.services.map((s) => s.name)).toEqual(['database', 'web']);
    expect(updated.commander).toMatchObject({ id: api().users.responder.userId, name: 'Responder' });
    expect(updated.tags).toEqual(['eu', 'checkout']);
    expect((await readTimeline(api(), 'INC-1')).at(-1)?.changes).toMatchObject({
      services: { before: [], after: ['web', 'database'] },
      commander: { before: null, after: 'Responder' },
    });
  });

  it('an edit that changes nothing adds no timeline entry and keeps the version', async () => {
    const incident = await declare(api(), { title: 'Same' });
    const after = ok<Incident>(await patch('INC-1', { title: 'Same', severity: incident.severity }));
    expect(after.version).toBe(1);
    expect(await readTimeline(api(), 'INC-1')).toHaveLength(1);
  });

  it('404s edits of an unknown incident', async () => {
    expectProblem(await patch('INC-9', { title: 'x' }), 404);
  });
});
