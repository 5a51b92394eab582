import ICAL from 'ical.js';
import { expect, it } from 'vitest';
import type { EscalationPolicy, FinalSchedule, OnCallNow, Schedule } from '../../../core/schemas/oncall.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { createService, expectProblem, ok } from '../../../../test/support/server/http/api-test-helpers.js';

/** Unfold RFC 5545 content lines and read each VEVENT's properties (a test-sized parser). */
/** Parse a feed with ical.js (the parser of Thunderbird) and list its events. */
function parseCalendar(text: string): Array<Record<'UID' | 'SUMMARY' | 'DTSTART' | 'DTEND', string>> {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  expect(calendar.name).toBe('vcalendar');
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      UID: event.uid,
      SUMMARY: event.summary,
      DTSTART: event.startDate.toJSDate().toISOString(),
      DTEND: event.endDate.toJSDate().toISOString(),
    };
  });
}

describeEachDialect('on-call API', (dialect) => {
  const api = useApiHarness(dialect);

  /** Responder and viewer rotating daily at 09:00 UTC from 2026-03-01 (the clock: 12:00 that day). */
  async function rotation(): Promise<Schedule> {
    const { users } = api();
    return ok<Schedule>(
      await api().call('POST', '/api/v1/schedules', {
        as: 'responder',
        body: {
          name: 'Primary',
          timeZone: 'UTC',
          layers: [
            {
              participants: [users.responder.userId, users.viewer.userId],
              rotation: { kind: 'daily' },
              handoffTime: '09:00',
              startDate: '2026-03-01',
            },
          ],
        },
      }),
      201,
    );
  }

  it('validates schedules, naming the field, and checks roles and ids', async () => {
    const layer = {
      participants: [1],
      rotation: { kind: 'weekly' },
      handoffTime: '09:00',
      startDate: '2026-03-02',
    };
    const post = (body: unknown, as: 'viewer' | 'responder' = 'responder') =>
      api().call('POST', '/api/v1/schedules', { as, body });
    expectProblem(await post({ name: 'A', timeZone: 'Mars/Olympus', layers: [layer] }), 400, 'timeZone');
    expectProblem(
      await post({ name: 'A', timeZone: 'UTC', layers: [{ ...layer, handoffTime: '25:00' }] }),
      400,
      'layers[0].handoffTime',
    );
    expectProblem(
      await post({ name: 'A', timeZone: 'UTC', layers: [{ ...layer, participants: [999] }] }),
      400,
      'layers[0].participants',
    );
    expectProblem(await post({ name: 'A', timeZone: 'UTC', layers: [{ ...layer, participants: [] }] }), 400);
    expectProblem(await post({ name: 'A', timeZone: 'UTC', layers: [layer] }, 'viewer'), 403);
    const created = await rotation();
    expectProblem(await post({ name: 'primary', timeZone: 'UTC', layers: [] }), 409, 'name');
    expectProblem(await api().call('GET', '/api/v1/schedules/999', { as: 'viewer' }), 404);
    expectProblem(
      await api().call('PATCH', `/api/v1/schedules/${created.id}`, {
        as: 'responder',
        body: { layers: [{ ...layer, endDate: '2026-01-01' }] },
      }),
      400,
      'layers[0].endDate',
    );
    expect(
      ok<{ items: Schedule[] }>(await api().call('GET', '/api/v1/schedules', { as: 'viewer' })).items,
    ).toHaveLength(1);
    expectProblem(await api().call('DELETE', `/api/v1/schedules/${created.id}`, { as: 'responder' }), 403);
    expect((await api().call('DELETE', `/api/v1/schedules/${created.id}`)).statusCode).toBe(204);
    expectProblem(await api().call('DELETE', `/api/v1/schedules/${created.id}`), 404);
  });

  it('answers who is on call now, at a time and across an override', async () => {
    const { users } = api();
    const schedule = await rotation();
    expect(schedule.onCall).toMatchObject({
      userId: users.responder.userId,
      source: 0,
      until: '2026-03-02T09:00:00.000Z',
    });
    const overrides = `/api/v1/schedules/${schedule.id}/overrides`;
    expectProblem(await api().call('POST', overrides, { as: 'viewer', body: {} }), 403);
    expectProblem(
      await api().call('POST', overrides, {
        as: 'responder',
        body: { userId: users.admin.userId, start: '2026-03-01T14:00:00Z', end: '2026-03-01T13:00:00Z' },
      }),
      400,
      'end',
    );
    expectProblem(
      await api().call('POST', overrides, {
        as: 'responder',
        body: { userId: 999, start: '2026-03-01T13:00:00Z', end: '2026-03-01T14:00:00Z' },
      }),
      400,
      'userId',
    );
    const override = ok<{ id: number }>(
      await api().call('POST', overrides, {
        as: 'responder',
        body: { userId: users.admin.userId, start: '2026-03-01T13:00:00Z', end: '2026-03-01T14:00:00Z' },
      }),
      201,
    );
    const at = async (time: string) =>
      ok<OnCallNow>(
        await api().call('GET', `/api/v1/schedules/${schedule.id}/oncall?at=${time}`, { as: 'viewer' }),
      );
    expect(await at('2026-03-01T13:30:00Z')).toMatchObject({
      userId: users.admin.userId,
      userName: 'Admin',
      source: 'override',
    });
    expect(await at('2026-03-01T14:30:00Z')).toMatchObject({ userId: users.responder.userId, source: 0 });
    expect(await at('2026-03-02T10:00:00Z')).toMatchObject({ userId: users.viewer.userId, source: 0 });
    api().clock.set(Date.parse('2026-03-01T13:15:00Z'));
    const everywhere = ok<{ items: OnCallNow[] }>(
      await api().call('GET', '/api/v1/oncall', { as: 'viewer' }),
    ).items;
    expect(everywhere).toEqual([
      expect.objectContaining({
        scheduleName: 'Primary',
        userName: 'Admin',
        until: '2026-03-01T14:00:00.000Z',
      }),
    ]);

    const final = ok<FinalSchedule>(
      await api().call('GET', `/api/v1/schedules/${schedule.id}/final`, { as: 'viewer' }),
    );
    expect(final.to).toBe('2026-03-15T13:15:00.000Z');
    expect(final.shifts.slice(0, 3).map((s) => [s.userName, s.start, s.end])).toEqual([
      ['Admin', '2026-03-01T13:15:00.000Z', '2026-03-01T14:00:00.000Z'],
      ['Responder', '2026-03-01T14:00:00.000Z', '2026-03-02T09:00:00.000Z'],
      ['Viewer', '2026-03-02T09:00:00.000Z', '2026-03-03T09:00:00.000Z'],
    ]);
    expect(final.layers[0]?.shifts[0]?.userName).toBe('Responder');
    expect(final.gaps).toEqual([]);
    expectProblem(
      await api().call(
        'GET',
        `/api/v1/schedules/${schedule.id}/final?from=2026-03-01T00:00:00Z&to=2026-02-01T00:00:00Z`,
        { as: 'viewer' },
      ),
      400,
      'to',
    );
    const mine = ok<{ items: Array<{ start: string }> }>(
      await api().call('GET', '/api/v1/me/shifts?days=3', { as: 'viewer' }),
    ).items;
    expect(mine.map((s) => s.start)).toEqual(['2026-03-02T09:00:00.000Z', '2026-03-04T09:00:00.000Z']);

    expect((await api().call('DELETE', `${overrides}/${override.id}`, { as: 'responder' })).statusCode).toBe(
      204,
    );
    expectProblem(await api().call('DELETE', `${overrides}/${override.id}`, { as: 'responder' }), 404);
    expect((await at('2026-03-01T13:30:00Z')).userId).toBe(users.responder.userId);
  });

  it('serves schedule and personal iCalendar feeds at secret URLs', async () => {
    const schedule = await rotation();
    const feed = new URL(schedule.calendarUrl).pathname;
    const res = await api().app.inject({ method: 'GET', url: feed });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const events = parseCalendar(res.body);
    // 2026-02-22 (today − 7 days) to 2026-04-30: daily shifts from the first handoff on 1 March.
    expect(events.length).toBe(60);
    expect(events.at(-1)).toMatchObject({
      DTSTART: '2026-04-29T09:00:00.000Z',
      DTEND: '2026-04-30T00:00:00.000Z',
    });
    expect(events[0]).toMatchObject({
      DTSTART: '2026-03-01T09:00:00.000Z',
      DTEND: '2026-03-02T09:00:00.000Z',
      SUMMARY: 'On call: Responder (Primary)',
    });
    api().clock.advance(3_600_000);
    const again = parseCalendar((await api().app.inject({ method: 'GET', url: feed })).body);
    expect(again.map((e) => e.UID)).toEqual(events.map((e) => e.UID));
    expect(
      (await api().app.inject({ method: 'GET', url: '/calendar/schedules/not-a-token.ics' })).statusCode,
    ).toBe(404);

    expect(
      ok<{ url: string | null }>(await api().call('GET', '/api/v1/me/calendar-token', { as: 'viewer' })).url,
    ).toBeNull();
    const first = ok<{ url: string }>(
      await api().call('POST', '/api/v1/me/calendar-token', { as: 'viewer' }),
    ).url;
    const mine = parseCalendar(
      (await api().app.inject({ method: 'GET', url: new URL(first).pathname })).body,
    );
    expect(mine.every((e) => e.SUMMARY === 'On call: Viewer (Primary)')).toBe(true);
    expect(mine).toHaveLength(30);
    const rotated = ok<{ url: string }>(
      await api().call('POST', '/api/v1/me/calendar-token', { as: 'viewer' }),
    ).url;
    expect(rotated).not.toBe(first);
    expect((await api().app.inject({ method: 'GET', url: new URL(first).pathname })).statusCode).toBe(404);
  });

  it('manages escalation policies and a service’s policy', async () => {
    const { users } = api();
    const schedule = await rotation();
    const steps = [
      { delayMinutes: 5, targets: [{ type: 'schedule', id: schedule.id }] },
      { delayMinutes: 10, targets: [{ type: 'user', id: users.admin.userId }] },
    ];
    const post = (body: unknown, as: 'viewer' | 'responder' = 'responder') =>
      api().call('POST', '/api/v1/escalation-policies', { as, body });
    expectProblem(await post({ name: 'P', steps: [] }), 400);
    expectProblem(await post({ name: 'P', steps: [{ delayMinutes: 0, targets: steps[0]?.targets }] }), 400);
    expectProblem(
      await post({ name: 'P', steps: [{ delayMinutes: 5, targets: [{ type: 'user', id: 999 }] }] }),
      400,
      'steps[0].targets',
    );
    expectProblem(
      await post({ name: 'P', steps: [{ delayMinutes: 5, targets: [{ type: 'team', id: 999 }] }] }),
      400,
      'steps[0].targets',
    );
    expectProblem(await post({ name: 'P', steps }, 'viewer'), 403);
    const policy = ok<EscalationPolicy>(await post({ name: 'Web', repeatCount: 2, steps }), 201);
    expect(policy.steps.map((s) => s.targets.map((t) => t.name))).toEqual([['Primary'], ['Admin']]);
    expectProblem(await post({ name: 'web', steps }), 409, 'name');
    const patched = ok<EscalationPolicy>(
      await api().call('PATCH', `/api/v1/escalation-policies/${policy.id}`, {
        as: 'responder',
        body: { steps: steps.slice(1) },
      }),
    );
    expect(patched.steps).toHaveLength(1);
    expect(patched.repeatCount).toBe(2);
    expectProblem(await api().call('GET', '/api/v1/escalation-policies/999', { as: 'viewer' }), 404);

    const service = await createService(api(), 'web');
    const setPolicy = (serviceId: number, policyId: number | null) =>
      api().call('PATCH', `/api/v1/services/${serviceId}/escalation-policy`, {
        as: 'responder',
        body: { policyId },
      });
    expectProblem(await setPolicy(999, policy.id), 404);
    expectProblem(await setPolicy(service.id, 999), 400, 'policyId');
    expect(ok(await setPolicy(service.id, policy.id))).toEqual({
      serviceId: service.id,
      policyId: policy.id,
    });
    const listed = ok<{ items: EscalationPolicy[] }>(
      await api().call('GET', '/api/v1/escalation-policies', { as: 'viewer' }),
    ).items;
    expect(listed[0]?.services).toEqual([{ id: service.id, name: 'web' }]);
    expectProblem(
      await api().call('DELETE', `/api/v1/escalation-policies/${policy.id}`, { as: 'responder' }),
      403,
    );
    expect((await api().call('DELETE', `/api/v1/escalation-policies/${policy.id}`)).statusCode).toBe(204);
    expectProblem(await api().call('GET', `/api/v1/escalation-policies/${policy.id}`, { as: 'viewer' }), 404);
  });

  it('lets each user manage their own contact methods and rules', async () => {
    const add = (body: unknown, as: 'viewer' | 'responder' = 'viewer') =>
      api().call('POST', '/api/v1/me/contact-methods', { as, body });
    expectProblem(await add({ type: 'email', address: 'not an address' }), 400, 'address');
    expectProblem(await add({ type: 'webhook', address: 'ftp://example.com/x' }), 400, 'address');
    expectProblem(await add({ type: 'pager', address: 'x@example.com' }), 400);
    const hook = ok<{ id: number; hasSecret: boolean }>(
      await add({ type: 'slack', address: 'https://hooks.slack.com/services/T/B/X' }),
      201,
    );
    expect(hook.hasSecret).toBe(false);
    const rules = '/api/v1/me/notification-rules';
    // The first method of someone with no rules pages them at once.
    expect(ok(await api().call('GET', rules, { as: 'viewer' }))).toEqual({
      rules: [{ contactMethodId: hook.id, delayMinutes: 0 }],
      isDefault: false,
    });
    expectProblem(
      await api().call('PUT', rules, {
        as: 'responder',
        body: { rules: [{ contactMethodId: hook.id, delayMinutes: 0 }] },
      }),
      400,
      'rules[0].contactMethodId',
    );
    expect(
      ok(
        await api().call('PUT', rules, {
          as: 'viewer',
          body: { rules: [{ contactMethodId: hook.id, delayMinutes: 2 }] },
        }),
      ),
    ).toEqual({ rules: [{ contactMethodId: hook.id, delayMinutes: 2 }], isDefault: false });
    expectProblem(
      await api().call('DELETE', `/api/v1/me/contact-methods/${hook.id}`, { as: 'responder' }),
      404,
    );
    expect(
      ok<{ items: unknown[] }>(await api().call('GET', '/api/v1/me/contact-methods', { as: 'responder' }))
        .items,
    ).toEqual([]);
    expect(
      (await api().call('DELETE', `/api/v1/me/contact-methods/${hook.id}`, { as: 'viewer' })).statusCode,
    ).toBe(204);
    expect(ok(await api().call('GET', rules, { as: 'viewer' }))).toEqual({ rules: [], isDefault: true });
  });
});
