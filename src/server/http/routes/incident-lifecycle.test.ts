import { expect, it } from 'vitest';
import type { Incident } from '../../../core/schemas/incident.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  act,
  createService,
  declare,
  expectProblem,
  ok,
  readIncident,
  readTimeline,
  snapshot,
} from '../../../../test/support/server/http/api-test-helpers.js';

const HOUR = 3_600_000;
const at = (ms: number) => new Date(ms).toISOString();

describeEachDialect('incidents API: lifecycle actions', (dialect) => {
  const api = useApiHarness(dialect);
  const now = () => at(api().clock.now());
  /** Run an action expecting it to be refused with `status`, and check nothing changed. */
  const refused = async (
    ref: string,
    action: string,
    body: Record<string, unknown>,
    status: number,
    field: string,
  ) => {
    const before = await snapshot(api(), ref);
    expectProblem(await act(api(), ref, action, body), status, field);
    expect(await snapshot(api(), ref)).toEqual(before);
  };
  const resolve = async (ref = 'INC-1', body: Record<string, unknown> = {}) =>
    ok<Incident>(await act(api(), ref, 'resolve', { resolutionSummary: 'Rolled back the deploy', ...body }));

  it('acknowledges a triggered incident at the (moved) clock time, only once', async () => {
    await declare(api(), { status: 'triggered' });
    api().clock.advance(5 * 60_000);
    const acked = ok<Incident>(await act(api(), 'INC-1', 'acknowledge'));
    expect(acked).toMatchObject({ status: 'investigating', acknowledgedAt: now(), version: 2 });
    expect((await readTimeline(api(), 'INC-1')).at(-1)).toMatchObject({
      kind: 'acknowledged',
      actor: { id: api().users.responder.userId },
      changes: {
        status: { before: 'triggered', after: 'investigating' },
        acknowledgedAt: { before: null, after: now() },
      },
    });
    await refused('INC-1', 'acknowledge', {}, 409, 'status');
  });

  it('acknowledges from triage, and refuses to acknowledge a resolved incident', async () => {
    await declare(api(), { status: 'triage' });
    expect(ok<Incident>(await act(api(), 'INC-1', 'acknowledge')).status).toBe('investigating');
    await resolve();
    await refused('INC-1', 'acknowledge', {}, 409, 'status');
  });

  it('allows and forbids status changes per the lifecycle', async () => {
    await declare(api());
    await refused('INC-1', 'status', { status: 'triggered' }, 409, 'status');
    await refused('INC-1', 'status', { status: 'triage' }, 409, 'status');
    await refused('INC-1', 'status', { status: 'investigating' }, 409, 'status');
    await refused('INC-1', 'status', { status: 'merged' }, 409, 'status');
    await refused('INC-1', 'status', { status: 'declined' }, 409, 'status');
    await refused('INC-1', 'status', { status: 'closed', rootCause: 'x' }, 409, 'status');
    await refused('INC-1', 'status', { status: 'sleeping' }, 400, 'status');
    expect(ok<Incident>(await act(api(), 'INC-1', 'status', { status: 'identified' })).status).toBe(
      'identified',
    );
    expect(ok<Incident>(await act(api(), 'INC-1', 'status', { status: 'investigating' })).status).toBe(
      'investigating',
    );
    expect((await readTimeline(api(), 'INC-1')).at(-1)).toMatchObject({
      kind: 'status_changed',
      changes: { status: { before: 'identified', after: 'investigating' } },
    });
  });

  it('sets mitigatedAt when monitoring starts and keeps it when resolving later', async () => {
    await declare(api());
    api().clock.advance(HOUR);
    const mitigated = now();
    expect(ok<Incident>(await act(api(), 'INC-1', 'status', { status: 'monitoring' }))).toMatchObject({
      mitigatedAt: mitigated,
      resolvedAt: null,
    });
    api().clock.advance(HOUR);
    expect(await resolve()).toMatchObject({ status: 'resolved', mitigatedAt: mitigated, resolvedAt: now() });
  });

  it('resolves with a summary, setting mitigatedAt and resolvedAt to the clock time', async () => {
    await declare(api());
    api().clock.advance(2 * HOUR);
    expect(await resolve()).toMatchObject({
      status: 'resolved',
      resolutionSummary: 'Rolled back the deploy',
      mitigatedAt: now(),
      resolvedAt: now(),
      closedAt: null,
    });
    expect((await readTimeline(api(), 'INC-1')).at(-1)?.kind).toBe('resolved');
  });

  it('refuses to resolve without a resolution summary, changing nothing', async () => {
    await declare(api());
    await refused('INC-1', 'resolve', {}, 400, 'resolutionSummary');
    await refused('INC-1', 'resolve', { resolutionSummary: '   ' }, 400, 'resolutionSummary');
    await refused('INC-1', 'status', { status: 'resolved' }, 400, 'resolutionSummary');
  });

  it('closes only a resolved incident, and only with a root cause', async () => {
    await declare(api());
    await refused('INC-1', 'close', { rootCause: 'Bad config' }, 409, 'status');
    await resolve();
    await refused('INC-1', 'close', {}, 400, 'rootCause');
    await refused('INC-1', 'close', { rootCause: '  ' }, 400, 'rootCause');
    api().clock.advance(HOUR);
    const closed = ok<Incident>(await act(api(), 'INC-1', 'close', { rootCause: 'Bad config' }));
    expect(closed).toMatchObject({ status: 'closed', rootCause: 'Bad config', closedAt: now() });
    expect((await readTimeline(api(), 'INC-1')).at(-1)?.kind).toBe('closed');
  });

  it('closes with the root cause given when resolving', async () => {
    await declare(api());
    await resolve('INC-1', { rootCause: 'Expired certificate' });
    expect(ok<Incident>(await act(api(), 'INC-1', 'close')).rootCause).toBe('Expired certificate');
  });

  it('reopens within the reopen window: back to investigating, resolvedAt and closedAt cleared', async () => {
    await declare(api());
    await resolve();
    ok(await act(api(), 'INC-1', 'close', { rootCause: 'Bad config' }));
    api().clock.advance(167 * HOUR);
    const reopened = ok<Incident>(await act(api(), 'INC-1', 'reopen', { message: 'It is back' }));
    expect(reopened).toMatchObject({ status: 'investigating', resolvedAt: null, closedAt: null });
    expect((await readTimeline(api(), 'INC-1')).at(-1)).toMatchObject({
      kind: 'reopened',
      body: 'It is back',
    });
    await refused('INC-1', 'reopen', {}, 409, 'status');
  });

  it('refuses to reopen after the reopen window, and follows the window setting', async () => {
    await declare(api());
    await resolve();
    api().clock.advance(168 * HOUR + 1);
    await refused('INC-1', 'reopen', {}, 409, 'status');
    ok(await api().call('PATCH', '/api/v1/settings', { body: { reopenWindowHours: 200 } }));
    expect(ok<Incident>(await act(api(), 'INC-1', 'reopen')).status).toBe('investigating');
  });

  it('declines only a triage incident', async () => {
    await declare(api(), { status: 'triage' });
    await declare(api());
    expect(ok<Incident>(await act(api(), 'INC-1', 'decline', { message: 'Not an incident' })).status).toBe(
      'declined',
    );
    await refused('INC-1', 'acknowledge', {}, 409, 'status');
    await refused('INC-2', 'decline', {}, 409, 'status');
  });

  it('guards actions with the version, in the body or If-Match', async () => {
    await declare(api(), { status: 'triggered' });
    await refused('INC-1', 'acknowledge', { version: 7 }, 409, 'version');
    const stale = await api().call('POST', '/api/v1/incidents/INC-1/acknowledge', {
      as: 'responder',
      body: {},
      headers: { 'if-match': '"7"' },
    });
    expectProblem(stale, 409, 'version');
    expect(ok<Incident>(await act(api(), 'INC-1', 'acknowledge', { version: 1 })).version).toBe(2);
  });

  it('404s actions on unknown incidents', async () => {
    expectProblem(await act(api(), 'INC-5', 'acknowledge'), 404);
    expectProblem(await act(api(), 'INC-5', 'resolve', { resolutionSummary: 'x' }), 404);
  });
});

describeEachDialect('incidents API: merge', (dialect) => {
  const api = useApiHarness(dialect);

  it('merges a duplicate: source merged into target, services and timeline carried over', async () => {
    const web = await createService(api(), 'web');
    const db = await createService(api(), 'database');
    await declare(api(), { title: 'Checkout down', serviceIds: [web.id] });
    await declare(api(), { title: 'Payments erroring', serviceIds: [db.id] });
    ok(
      await api().call('POST', '/api/v1/incidents/INC-2/notes', {
        as: 'responder',
        body: { body: 'Seeing 502s' },
      }),
      201,
    );
    api().clock.advance(60_000);
    const target = ok<Incident>(await act(api(), 'INC-2', 'merge', { into: 'INC-1' }));
    expect(target).toMatchObject({ ref: 'INC-1', status: 'investigating', version: 2 });
    expect(target.services.map((s) => s.name)).toEqual(['database', 'web']);
    expect(await readIncident(api(), 'INC-2')).toMatchObject({
      status: 'merged',
      mergedInto: { id: target.id, ref: 'INC-1' },
    });
    const timeline = await readTimeline(api(), 'INC-1');
    expect(timeline.map((e) => [e.incidentRef, e.kind])).toEqual([
      ['INC-1', 'declared'],
      ['INC-2', 'declared'],
      ['INC-2', 'note'],
      ['INC-2', 'merged_into'],
      ['INC-1', 'merged_from'],
    ]);
    expect(timeline.at(-1)?.body).toContain('INC-2');
  });

  it('accepts the target as a number, and lists a merged incident as not open', async () => {
    await declare(api());
    await declare(api());
    ok(await act(api(), 'INC-2', 'merge', { into: 1 }));
    const open = ok<{ items: Incident[] }>(
      await api().call('GET', '/api/v1/incidents?open=true', { as: 'viewer' }),
    );
    expect(open.items.map((i) => i.ref)).toEqual(['INC-1']);
  });

  it('refuses to merge into itself, into a merged or unknown incident, naming into', async () => {
    await declare(api());
    await declare(api());
    await declare(api());
    const refuse = async (ref: string, into: unknown, status = 400, field = 'into') => {
      const before = [
        await readIncident(api(), 'INC-1'),
        await readIncident(api(), 'INC-2'),
        await readIncident(api(), 'INC-3'),
      ];
      expectProblem(await act(api(), ref, 'merge', { into }), status, field);
      expect([
        await readIncident(api(), 'INC-1'),
        await readIncident(api(), 'INC-2'),
        await readIncident(api(), 'INC-3'),
      ]).toEqual(before);
    };
    await refuse('INC-1', 'INC-1');
    await refuse('INC-1', 1);
    await refuse('INC-1', 'INC-99');
    await refuse('INC-1', 'yesterday');
    ok(await act(api(), 'INC-2', 'merge', { into: 'INC-3' }));
    await refuse('INC-1', 'INC-2');
    await refuse('INC-2', 'INC-1', 409, 'status');
  });
});
