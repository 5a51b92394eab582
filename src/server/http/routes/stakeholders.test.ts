import type { ParsedMail } from 'mailparser';
import { expect, it } from 'vitest';
import type { User } from '../../../core/schemas/access.js';
import type {
  IncidentUpdate,
  IncidentUpdateList,
  Stakeholder,
  StakeholderList,
} from '../../../core/schemas/stakeholders.js';
import {
  outboxRows,
  pagingEngine,
  useSmtpSink,
} from '../../../../test/support/server/engine/escalation/paging-test-helpers.js';
import { type ApiHarness, useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  createTeam,
  declare,
  expectProblem,
  ok,
  readTimeline,
} from '../../../../test/support/server/http/api-test-helpers.js';

const MINUTE = 60_000;

async function createUser(api: ApiHarness, email: string, name: string): Promise<User> {
  return ok<User>(
    await api.call('POST', '/api/v1/users', {
      body: { email, name, role: 'viewer', password: 'correct-horse-battery' },
    }),
    201,
  );
}

async function addStakeholder(api: ApiHarness, ref: string, body: Record<string, unknown>) {
  return ok<Stakeholder>(
    await api.call('POST', `/api/v1/incidents/${ref}/stakeholders`, { as: 'responder', body }),
    201,
  );
}

function recipientOf(mail: ParsedMail): string {
  return mail.to && 'text' in mail.to ? mail.to.text : '';
}

describeEachDialect('stakeholder updates', (dialect) => {
  const api = useApiHarness(dialect);
  const smtp = useSmtpSink();

  it('emails an update once to every user, team member and external address, over real SMTP', async () => {
    const { users } = api();
    const ada = await createUser(api(), 'ada@example.com', 'Ada Lovelace');
    const grace = await createUser(api(), 'grace@example.com', 'Grace Hopper');
    const gone = await createUser(api(), 'gone@example.com', 'Former Colleague');
    const team = await createTeam(api(), 'Payments');
    for (const userId of [ada.id, grace.id, gone.id, users.responder.userId]) {
      ok(
        await api().call('PUT', `/api/v1/teams/${team.id}/members/${userId}`, {
          as: 'responder',
          body: { role: 'member' },
        }),
      );
    }
    ok(await api().call('PATCH', `/api/v1/users/${gone.id}`, { body: { disabled: true } }));
    const incident = await declare(api(), {
      title: 'Checkout is down',
      severity: 'SEV1',
      impact: 'high',
      urgency: 'high',
    });
    await addStakeholder(api(), incident.ref, { userId: users.responder.userId });
    await addStakeholder(api(), incident.ref, { teamId: team.id });
    const vendor = await addStakeholder(api(), incident.ref, { email: ' Support@Vendor.example ' });
    expect(vendor).toMatchObject({ type: 'email', email: 'support@vendor.example', source: 'added' });
    // The same address by another route still gets one mail.
    await addStakeholder(api(), incident.ref, { email: 'ada@example.com' });
    ok(await api().call('PUT', `/api/v1/incidents/${incident.ref}/subscription`, { as: 'viewer' }));

    const list = ok<StakeholderList>(
      await api().call('GET', `/api/v1/incidents/${incident.ref}/stakeholders`),
    );
    expect(list.items.map((s) => s.type)).toEqual(['user', 'team', 'email', 'email', 'user']);
    expect(list.items[1]?.team).toMatchObject({ name: 'Payments', memberCount: 3 });
    expect(list.recipientCount).toBe(5);

    const update = ok<IncidentUpdate>(
      await api().call('POST', `/api/v1/incidents/${incident.ref}/stakeholder-updates`, {
        as: 'responder',
        body: { message: 'Card payments fail for about 20% of customers. Next update in 30 minutes.' },
      }),
      201,
    );
    expect(update).toMatchObject({
      kind: 'stakeholder',
      status: 'investigating',
      severity: 'SEV1',
      impact: 'high',
    });
    expect(update.recipients.map((r) => r.email).sort()).toEqual([
      'ada@example.com',
      'grace@example.com',
      'responder@example.com',
      'support@vendor.example',
      'viewer@example.com',
    ]);

    const engine = pagingEngine(api().db.ctx, smtp().url);
    await engine.tick();
    await engine.tick();
    api().clock.advance(MINUTE);
    await engine.tick();
    await engine.close();
    expect(smtp().messages.map(recipientOf).sort()).toEqual(update.recipients.map((r) => r.email).sort());
    for (const mail of smtp().messages) {
      expect(mail.subject).toBe('[Beacon] Stakeholder update on INC-1: Checkout is down');
      expect(mail.text).toContain('Card payments fail for about 20% of customers.');
      expect(mail.text).toMatch(/Status:\s+Investigating/);
      expect(mail.text).toMatch(/Severity:\s+SEV1 \(P1\)/);
      expect(mail.text).toMatch(/Impact:\s+High/);
      expect(mail.text).toContain('Posted by Responder');
      expect(mail.html).toContain('Card payments fail for about 20% of customers.');
    }
    const external = smtp().messages.find((m) => recipientOf(m) === 'support@vendor.example');
    expect(external?.text).not.toContain('http://beacon.test/incidents/INC-1');
    const internal = smtp().messages.find((m) => recipientOf(m) === 'grace@example.com');
    expect(internal?.text).toContain('Incident page: http://beacon.test/incidents/INC-1');
    const rows = await outboxRows(api().db.ctx);
    expect(rows.map((r) => [r.kind, r.status])).toEqual(Array(5).fill(['stakeholder_update', 'sent']));

    const timeline = await readTimeline(api(), incident.ref);
    const entries = timeline.filter((e) => e.kind === 'stakeholder_update');
    expect(entries).toHaveLength(1);
    expect(entries[0]?.actor.name).toBe('Responder');
    expect(entries[0]?.body).toContain('Card payments fail');
    expect(entries[0]?.body).toContain('Investigating · SEV1 · High impact · P1');
    expect(entries[0]?.body).toContain('Emailed to 5 stakeholders');
    expect(entries[0]?.body).toContain('Payments (2)');
    expect(timeline.filter((e) => e.kind === 'notified')).toHaveLength(0);
  });

  it('adds the stakeholders the settings name for matching incidents', async () => {
    const team = await createTeam(api(), 'Executives');
    const boss = await createUser(api(), 'boss@example.com', 'The Boss');
    ok(
      await api().call('PUT', `/api/v1/teams/${team.id}/members/${boss.id}`, {
        as: 'responder',
        body: { role: 'member' },
      }),
    );
    expectProblem(
      await api().call('PATCH', '/api/v1/settings', {
        body: { stakeholderDefaults: [{ severities: ['SEV1'], teamIds: [999] }] },
      }),
      400,
      'stakeholderDefaults.0.teamIds',
    );
    expectProblem(
      await api().call('PATCH', '/api/v1/settings', {
        body: { stakeholderDefaults: [{ severities: ['SEV1'] }] },
      }),
      400,
      'stakeholderDefaults.0.emails',
    );
    ok(
      await api().call('PATCH', '/api/v1/settings', {
        body: {
          stakeholderDefaults: [{ severities: ['SEV1'], teamIds: [team.id], emails: ['pr@example.com'] }],
        },
      }),
    );
    const major = await declare(api(), { title: 'Everything is down', severity: 'SEV1' });
    const minor = await declare(api(), { title: 'A typo', severity: 'SEV4' });
    const list = ok<StakeholderList>(await api().call('GET', `/api/v1/incidents/${major.ref}/stakeholders`));
    expect(list.items).toEqual([]);
    expect(list.defaults.map((d) => d.team?.name ?? d.email)).toEqual(['Executives', 'pr@example.com']);
    expect(list.recipientCount).toBe(2);
    const none = ok<StakeholderList>(await api().call('GET', `/api/v1/incidents/${minor.ref}/stakeholders`));
    expect(none.defaults).toEqual([]);
    expectProblem(
      await api().call('POST', `/api/v1/incidents/${minor.ref}/stakeholder-updates`, {
        as: 'responder',
        body: { message: 'Fixed the typo.' },
      }),
      400,
      'stakeholders',
    );
    const update = ok<IncidentUpdate>(
      await api().call('POST', `/api/v1/incidents/${major.ref}/stakeholder-updates`, {
        as: 'responder',
        body: { message: 'All hands.' },
      }),
      201,
    );
    expect(update.recipients.map((r) => [r.email, r.via])).toEqual([
      ['boss@example.com', 'team Executives (default)'],
      ['pr@example.com', 'default'],
    ]);
    const engine = pagingEngine(api().db.ctx, smtp().url);
    await engine.tick();
    await engine.close();
    expect(smtp().messages.map(recipientOf).sort()).toEqual(['boss@example.com', 'pr@example.com']);
  });
});

describeEachDialect('stakeholder lists and updates: roles and validation', (dialect) => {
  const api = useApiHarness(dialect);

  it('lets responders manage the list and post, and viewers only subscribe themselves', async () => {
    const incident = await declare(api(), { severity: 'SEV2' });
    const url = `/api/v1/incidents/${incident.ref}`;
    const viewer = { as: 'viewer' as const };
    expectProblem(
      await api().call('POST', `${url}/stakeholders`, { ...viewer, body: { email: 'a@b.example' } }),
      403,
    );
    expectProblem(await api().call('POST', `${url}/updates`, { ...viewer, body: { message: 'hi' } }), 403);
    expectProblem(
      await api().call('POST', `${url}/stakeholder-updates`, { ...viewer, body: { message: 'hi' } }),
      403,
    );

    const subscribed = ok<StakeholderList>(await api().call('PUT', `${url}/subscription`, viewer));
    expect(subscribed.isSubscribed).toBe(true);
    expect(subscribed.items).toMatchObject([
      { type: 'user', source: 'subscribed', user: { email: 'viewer@example.com' } },
    ]);
    // Subscribing twice changes nothing; others do not see themselves as subscribed.
    expect(ok<StakeholderList>(await api().call('PUT', `${url}/subscription`, viewer)).items).toHaveLength(1);
    expect(
      ok<StakeholderList>(await api().call('GET', `${url}/stakeholders`, { as: 'responder' })).isSubscribed,
    ).toBe(false);
    const entry = subscribed.items[0];
    expectProblem(await api().call('DELETE', `${url}/stakeholders/${entry?.id ?? 0}`, viewer), 403);
    const left = ok<StakeholderList>(await api().call('DELETE', `${url}/subscription`, viewer));
    expect(left).toMatchObject({ isSubscribed: false, items: [] });

    const added = ok<Stakeholder>(
      await api().call('POST', `${url}/stakeholders`, {
        as: 'responder',
        body: { email: 'ops@vendor.example' },
      }),
      201,
    );
    expect(added.addedBy?.name).toBe('Responder');
    expect(
      (await api().call('DELETE', `${url}/stakeholders/${added.id}`, { as: 'responder' })).statusCode,
    ).toBe(204);
    expectProblem(await api().call('DELETE', `${url}/stakeholders/${added.id}`, { as: 'responder' }), 404);

    // Every change of the list is on the timeline, once (a second subscribe changed nothing).
    const timeline = ok<{ items: Array<{ kind: string; body: string | null; actor: { name: string } }> }>(
      await api().call('GET', `${url}/timeline`),
    ).items.filter((entry) => entry.kind === 'stakeholders_changed');
    expect(timeline.map((entry) => [entry.actor.name, entry.body])).toEqual([
      ['Viewer', 'Viewer subscribed to stakeholder updates'],
      ['Viewer', 'Viewer unsubscribed from stakeholder updates'],
      ['Responder', 'Added ops@vendor.example to the stakeholders'],
      ['Responder', 'Removed ops@vendor.example from the stakeholders'],
    ]);
  });

  it('names the field of every bad request', async () => {
    const incident = await declare(api());
    const url = `/api/v1/incidents/${incident.ref}`;
    const add = (body: unknown) => api().call('POST', `${url}/stakeholders`, { as: 'responder', body });
    expectProblem(await add({ userId: 1, email: 'a@b.example' }), 400, 'userId');
    expectProblem(await add({}), 400, 'userId');
    expectProblem(await add({ email: 'not an address' }), 400, 'email');
    expectProblem(await add({ userId: 999 }), 400, 'userId');
    expectProblem(await add({ teamId: 999 }), 400, 'teamId');
    ok(await add({ email: 'a@b.example' }), 201);
    expectProblem(await add({ email: 'A@B.example' }), 409, 'email');
    const post = (path: string, body: unknown) =>
      api().call('POST', `${url}/${path}`, { as: 'responder', body });
    expectProblem(await post('updates', { message: '   ' }), 400, 'message');
    expectProblem(await post('stakeholder-updates', {}), 400, 'message');
    expectProblem(await post('updates', { message: 'x'.repeat(10_001) }), 400, 'message');
    expectProblem(await api().call('GET', '/api/v1/incidents/INC-99/stakeholders'), 404);
    expectProblem(
      await api().call('POST', '/api/v1/incidents/INC-99/updates', {
        as: 'responder',
        body: { message: 'hi' },
      }),
      404,
    );
    expectProblem(
      await api().call('PATCH', '/api/v1/settings', { body: { updateReminderMinutes: { SEV1: -5 } } }),
      400,
      'updateReminderMinutes.SEV1',
    );
    expectProblem(
      await api().call('PATCH', '/api/v1/settings', {
        as: 'responder',
        body: { updateReminderMinutes: { SEV1: 5 } },
      }),
      403,
    );
    // A change to some severities keeps the others' minutes.
    ok(await api().call('PATCH', '/api/v1/settings', { body: { updateReminderMinutes: { SEV3: 60 } } }));
    ok(await api().call('PATCH', '/api/v1/settings', { body: { updateReminderMinutes: { SEV1: 15 } } }));
    expect(
      ok<{ updateReminderMinutes: Record<string, number> }>(await api().call('GET', '/api/v1/settings'))
        .updateReminderMinutes,
    ).toEqual({ SEV1: 15, SEV2: 30, SEV3: 60, SEV4: 0 });
    expectProblem(
      await api().call('PATCH', '/api/v1/settings', { body: { updateReminderMinutes: { SEV5: 1 } } }),
      400,
    );

    // A merged incident takes no updates: they belong on the incident it was merged into.
    const other = await declare(api(), { title: 'Same outage' });
    ok(
      await api().call('POST', `/api/v1/incidents/${other.ref}/merge`, {
        as: 'responder',
        body: { into: incident.ref },
      }),
    );
    expectProblem(
      await api().call('POST', `/api/v1/incidents/${other.ref}/updates`, {
        as: 'responder',
        body: { message: 'hi' },
      }),
      409,
      'status',
    );
  });

  it('records a status update with the current state and lists updates with the next due time', async () => {
    const incident = await declare(api(), { title: 'Slow search', severity: 'SEV2', impact: 'low' });
    const url = `/api/v1/incidents/${incident.ref}`;
    const before = ok<IncidentUpdateList>(await api().call('GET', `${url}/updates`, { as: 'viewer' }));
    expect(before.items).toEqual([]);
    expect(before.reminder).toEqual({
      minutes: 30,
      lastUpdateAt: null,
      dueAt: new Date(Date.parse(incident.createdAt) + 30 * MINUTE).toISOString(),
    });
    api().clock.advance(10 * MINUTE);
    const update = ok<IncidentUpdate>(
      await api().call('POST', `${url}/updates`, {
        as: 'responder',
        body: { message: 'Index rebuild running.' },
      }),
      201,
    );
    expect(update).toMatchObject({
      kind: 'status',
      status: 'investigating',
      severity: 'SEV2',
      impact: 'low',
      recipients: [],
    });
    api().clock.advance(MINUTE);
    ok(await api().call('POST', `${url}/status`, { as: 'responder', body: { status: 'identified' } }));
    ok(
      await api().call('POST', `${url}/updates`, { as: 'responder', body: { message: 'Rebuild at 80%.' } }),
      201,
    );
    const after = ok<IncidentUpdateList>(await api().call('GET', `${url}/updates`, { as: 'viewer' }));
    expect(after.items.map((u) => [u.message, u.status])).toEqual([
      ['Rebuild at 80%.', 'identified'],
      ['Index rebuild running.', 'investigating'],
    ]);
    expect(after.reminder.lastUpdateAt).toBe(after.items[0]?.postedAt);
    expect(after.reminder.dueAt).toBe(new Date(api().clock.now() + 30 * MINUTE).toISOString());
    const timeline = await readTimeline(api(), incident.ref);
    const entry = timeline.find((e) => e.kind === 'status_update');
    expect(entry?.body).toBe('Index rebuild running.\n\nInvestigating · SEV2 · Low impact · P4');
    expect(await api().db.ctx.store.db.selectFrom('outbox').selectAll().execute()).toEqual([]);

    ok(
      await api().call('POST', `${url}/resolve`, {
        as: 'responder',
        body: { resolutionSummary: 'Rebuilt.' },
      }),
    );
    const resolved = ok<IncidentUpdateList>(await api().call('GET', `${url}/updates`, { as: 'viewer' }));
    expect(resolved.reminder).toMatchObject({ minutes: 0, dueAt: null });
  });
});
