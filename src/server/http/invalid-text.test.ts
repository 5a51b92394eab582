import { expect, it } from 'vitest';
import { type ApiHarness, useApiHarness } from '../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../test/support/server/test-database.js';
import {
  createService,
  declare,
  expectProblem,
  ok,
} from '../../../test/support/server/http/api-test-helpers.js';

const NUL = 'a\u0000b';
const BELL = 'ring\u0007';
const LONE_SURROGATE = 'x\uD800y';

/** The lists a refused write would change. */
const LISTS = [
  '/api/v1/incidents',
  '/api/v1/incidents/INC-1',
  '/api/v1/incidents/INC-1/timeline',
  '/api/v1/services',
  '/api/v1/teams',
  '/api/v1/users',
  '/api/v1/tokens',
  '/api/v1/integrations',
  '/api/v1/checks',
  '/api/v1/schedules',
  '/api/v1/escalation-policies',
  '/api/v1/response-plans',
  '/api/v1/webhooks',
];

async function everything(api: ApiHarness) {
  const lists: unknown[] = [];
  for (const url of LISTS) lists.push(ok(await api.call('GET', url)));
  return lists;
}

interface Case {
  method: 'POST' | 'PATCH' | 'PUT' | 'GET';
  url: string;
  body?: Record<string, unknown>;
  field: string;
  as?: 'responder' | null;
}

/** One or more operations of every resource group, each with bad text in one field. */
function cases(api: ApiHarness, serviceId: number): Record<string, Case> {
  const userId = api.users.responder.userId;
  const layer = {
    participants: [userId],
    rotation: { kind: 'daily' },
    handoffTime: '09:00',
    startDate: '2026-03-01',
  };
  return {
    'declare an incident': { method: 'POST', url: '/api/v1/incidents', body: { title: NUL }, field: 'title' },
    'edit an incident': {
      method: 'PATCH',
      url: '/api/v1/incidents/INC-1',
      body: { summary: LONE_SURROGATE },
      field: 'summary',
    },
    'add a note': {
      method: 'POST',
      url: '/api/v1/incidents/INC-1/notes',
      body: { body: BELL },
      field: 'body',
    },
    'search incidents': { method: 'GET', url: '/api/v1/incidents?q=a%00b', field: 'q' },
    'create a service': {
      method: 'POST',
      url: '/api/v1/services',
      body: { name: LONE_SURROGATE },
      field: 'name',
    },
    'edit a service': {
      method: 'PATCH',
      url: `/api/v1/services/${serviceId}`,
      body: { description: NUL },
      field: 'description',
    },
    'create a team': { method: 'POST', url: '/api/v1/teams', body: { name: NUL }, field: 'name' },
    'sign in': {
      method: 'POST',
      url: '/api/v1/session',
      body: { email: `a${NUL}@example.com`, password: 'whatever-password' },
      field: 'email',
      as: null,
    },
    'create a user': {
      method: 'POST',
      url: '/api/v1/users',
      body: { email: 'dana@example.com', name: NUL, role: 'viewer', password: 'secret-pass-1' },
      field: 'name',
    },
    'create a token': {
      method: 'POST',
      url: '/api/v1/tokens',
      body: { name: LONE_SURROGATE },
      field: 'name',
    },
    'add an integration': {
      method: 'POST',
      url: `/api/v1/services/${serviceId}/integrations`,
      body: { type: 'alertmanager', name: NUL },
      field: 'name',
    },
    'add a check': {
      method: 'POST',
      url: `/api/v1/services/${serviceId}/checks`,
      body: { type: 'http', name: NUL, config: { url: 'https://api.example.com/health' } },
      field: 'name',
    },
    'create a schedule': {
      method: 'POST',
      url: '/api/v1/schedules',
      body: { name: NUL, timeZone: 'UTC', layers: [layer] },
      field: 'name',
    },
    'create an escalation policy': {
      method: 'POST',
      url: '/api/v1/escalation-policies',
      body: { name: LONE_SURROGATE, steps: [{ delayMinutes: 5, targets: [{ type: 'user', id: userId }] }] },
      field: 'name',
    },
    'create a response plan': {
      method: 'POST',
      url: '/api/v1/response-plans',
      body: { name: 'Major', tasks: [{ title: 'ok' }, { title: NUL }] },
      field: 'tasks.1.title',
    },
    'read a schedule calendar feed': {
      method: 'GET',
      url: '/calendar/schedules/a%00b.ics',
      field: 'file',
      as: null,
    },
    'read a personal calendar feed': {
      method: 'GET',
      url: '/calendar/users/a%01b.ics',
      field: 'file',
      as: null,
    },
    'post a stakeholder update': {
      method: 'POST',
      url: '/api/v1/incidents/INC-1/stakeholder-updates',
      body: { message: NUL },
      field: 'message',
    },
    'create a webhook': {
      method: 'POST',
      url: '/api/v1/webhooks',
      body: { url: 'https://example.com/hook', description: BELL },
      field: 'description',
    },
    'add a check with a bad key in its settings': {
      method: 'POST',
      url: `/api/v1/services/${serviceId}/checks`,
      body: { type: 'http', name: 'API', config: { url: 'https://api.example.com/health', [NUL]: 'x' } },
      field: 'config',
    },
    'edit a user named in the path': {
      method: 'PATCH',
      url: `/api/v1/users/${userId}`,
      body: { name: LONE_SURROGATE },
      field: 'name',
    },
  };
}

describeEachDialect('text the databases cannot store', (dialect) => {
  const api = useApiHarness(dialect);

  it('is refused with 400 naming the field on every operation, changing nothing', async () => {
    const service = await createService(api(), 'payments');
    await declare(api(), { title: 'Checkout is failing' });
    const before = await everything(api());
    for (const [name, c] of Object.entries(cases(api(), service.id))) {
      const res = await api().call(c.method, c.url, {
        as: c.as === undefined ? 'admin' : c.as,
        ...(c.body ? { body: c.body } : {}),
      });
      expect(res.statusCode, `${name}: ${res.body}`).toBe(400);
      const problem = expectProblem(res, 400, c.field);
      expect(problem.type, name).toBe('https://beacon.dev/problems/validation');
    }
    expect(await everything(api())).toEqual(before);
  });

  it('still accepts tabs, newlines, carriage returns and paired surrogates', async () => {
    const incident = await declare(api(), { title: 'Tab\there', summary: 'one\r\ntwo 🚨' });
    expect(incident).toMatchObject({ title: 'Tab\there', summary: 'one\r\ntwo 🚨' });
  });
});
