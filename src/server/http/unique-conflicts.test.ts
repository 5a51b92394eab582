import { expect, it } from 'vitest';
import { type ApiHarness, useApiHarness } from '../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../test/support/server/test-database.js';
import { declare, expectProblem, ok } from '../../../test/support/server/http/api-test-helpers.js';

interface Creation {
  url: string;
  list: string;
  field: string;
  body: (api: ApiHarness) => Record<string, unknown>;
}

/** Every resource whose name (or email) a unique index keeps unique. */
const UNIQUE_NAMES: Record<string, Creation> = {
  user: {
    url: '/api/v1/users',
    list: '/api/v1/users',
    field: 'email',
    body: () => ({ email: 'dana@example.com', role: 'viewer', password: 'secret-pass-1' }),
  },
  team: { url: '/api/v1/teams', list: '/api/v1/teams', field: 'name', body: () => ({ name: 'Platform' }) },
  service: {
    url: '/api/v1/services',
    list: '/api/v1/services',
    field: 'name',
    body: () => ({ name: 'web' }),
  },
  schedule: {
    url: '/api/v1/schedules',
    list: '/api/v1/schedules',
    field: 'name',
    body: (api) => ({
      name: 'Primary',
      timeZone: 'UTC',
      layers: [
        {
          participants: [api.users.responder.userId],
          rotation: { kind: 'daily' },
          handoffTime: '09:00',
          startDate: '2026-03-01',
        },
      ],
    }),
  },
  'escalation policy': {
    url: '/api/v1/escalation-policies',
    list: '/api/v1/escalation-policies',
    field: 'name',
    body: (api) => ({
      name: 'Primary',
      steps: [{ delayMinutes: 5, targets: [{ type: 'user', id: api.users.responder.userId }] }],
    }),
  },
  'response plan': {
    url: '/api/v1/response-plans',
    list: '/api/v1/response-plans',
    field: 'name',
    body: () => ({ name: 'Major incident', tasks: [{ title: 'Open a bridge' }] }),
  },
};

function itemsOf(body: unknown): unknown[] {
  return Array.isArray(body) ? body : (body as { items: unknown[] }).items;
}

describeEachDialect('unique names and emails', (dialect) => {
  const api = useApiHarness(dialect);

  for (const [what, creation] of Object.entries(UNIQUE_NAMES)) {
    it(`a duplicate ${what} gets 409 naming ${creation.field}, also when two requests race`, async () => {
      const post = () => api().call('POST', creation.url, { body: creation.body(api()) });
      ok(await post(), 201);
      const before = ok<unknown>(await api().call('GET', creation.list));
      expectProblem(await post(), 409, creation.field);
      expect(ok<unknown>(await api().call('GET', creation.list))).toEqual(before);

      // Both pass the name check before either commits; the database's unique index decides.
      const other = { ...creation.body(api()) };
      if (creation.field === 'email') other.email = 'erin@example.com';
      else other.name = `${String(other.name)} 2`;
      const race = () => api().call('POST', creation.url, { body: other });
      const replies = await Promise.all([race(), race(), race()]);
      const statuses = replies.map((res) => res.statusCode).sort();
      expect(statuses, replies.map((res) => res.body).join('\n')).toEqual([201, 409, 409]);
      for (const res of replies.filter((r) => r.statusCode === 409)) expectProblem(res, 409, creation.field);
      expect(itemsOf(ok(await api().call('GET', creation.list)))).toHaveLength(itemsOf(before).length + 1);
    });
  }

  it('attaching a plan twice or adding a stakeholder twice gets 409 naming the field', async () => {
    const incident = await declare(api());
    const plan = ok<{ id: number }>(
      await api().call('POST', '/api/v1/response-plans', { body: { name: 'Major', tasks: [] } }),
      201,
    );
    const attach = () =>
      api().call('POST', `/api/v1/incidents/${incident.ref}/plans`, { body: { planId: plan.id } });
    expect((await attach()).statusCode).toBeLessThan(300);
    expectProblem(await attach(), 409, 'planId');
    const add = () =>
      api().call('POST', `/api/v1/incidents/${incident.ref}/stakeholders`, {
        body: { email: 'cfo@example.com' },
      });
    expect((await add()).statusCode).toBeLessThan(300);
    expectProblem(await add(), 409, 'email');
  });
});
