import { expect, it } from 'vitest';
import type { Role } from '../../core/roles.js';
import type { CreatedToken } from '../../core/schemas/access.js';
import { type ApiHarness, useApiHarness } from '../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../test/support/server/test-database.js';
import {
  createService,
  createTeam,
  declare,
  expectProblem,
  ok,
} from '../../../test/support/server/http/api-test-helpers.js';

/**
 * Public operations: sign-in and sign-out, forgotten passwords and the links that set one, and
 * inbound events, which authenticate with an integration key instead of a user's credentials.
 */
const PUBLIC = new Set([
  'POST /api/v1/session',
  'DELETE /api/v1/session',
  'POST /api/v1/session/two-factor',
  'GET /api/v1/session/options',
  'POST /api/v1/events',
  'POST /api/v1/password-reset',
  'POST /api/v1/account-links/check',
  'POST /api/v1/account-links/redeem',
]);
/** Only admins may call these. */
const ADMIN_ONLY = new Set([
  'POST /api/v1/users',
  'PATCH /api/v1/users/{id}',
  'POST /api/v1/users/invite',
  'POST /api/v1/users/{id}/invitation',
  'DELETE /api/v1/users/{id}/invitation',
  'POST /api/v1/users/{id}/password-reset',
  'GET /api/v1/audit',
  'PATCH /api/v1/settings',
  'DELETE /api/v1/services/{id}',
  'DELETE /api/v1/teams/{id}',
  'POST /api/v1/services/{id}/integrations',
  'PATCH /api/v1/integrations/{id}',
  'POST /api/v1/integrations/{id}/rotate',
  'DELETE /api/v1/integrations/{id}',
  'DELETE /api/v1/response-plans/{id}',
  'POST /api/v1/triage-rules',
  'PATCH /api/v1/triage-rules/{id}',
  'DELETE /api/v1/triage-rules/{id}',
  'POST /api/v1/triage-rules/order',
  'POST /api/v1/triage-rules/{id}/rules/order',
  'DELETE /api/v1/schedules/{id}',
  'DELETE /api/v1/escalation-policies/{id}',
  'GET /api/v1/notifications',
  'POST /api/v1/notifications/{id}/retry',
  'GET /api/v1/admin/warnings',
  'POST /api/v1/admin/warnings/dead-letters/dismiss',
  'GET /api/v1/webhooks',
  'POST /api/v1/webhooks',
  'GET /api/v1/webhooks/{id}',
  'PATCH /api/v1/webhooks/{id}',
  'DELETE /api/v1/webhooks/{id}',
  'GET /api/v1/webhooks/{id}/secret',
  'POST /api/v1/webhooks/{id}/rotate-secret',
  'POST /api/v1/webhooks/{id}/test',
  'GET /api/v1/webhooks/{id}/deliveries',
  'GET /api/v1/webhooks/{id}/deliveries/{deliveryId}',
  'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry',
  'PATCH /api/v1/status-page',
  'POST /api/v1/status-page/groups',
  'PATCH /api/v1/status-page/groups/{id}',
  'DELETE /api/v1/status-page/groups/{id}',
  'POST /api/v1/status-page/components',
  'PATCH /api/v1/status-page/components/{id}',
  'DELETE /api/v1/status-page/components/{id}',
  'POST /api/v1/status-page/templates',
  'PATCH /api/v1/status-page/templates/{id}',
  'DELETE /api/v1/status-page/templates/{id}',
  'GET /api/v1/status-page/subscribers/export',
  'POST /api/v1/status-page/subscribers',
  'DELETE /api/v1/status-page/subscribers/{id}',
  'PATCH /api/v1/status-page/subscribers/settings',
  'PUT /api/v1/settings/resolution',
  'POST /api/v1/imports',
  'POST /api/v1/imports/read',
  'GET /api/v1/imports/sources',
]);
/** Customer reports: the support role (help desks, chatbots) and above. */
const SUPPORT = new Set([
  'POST /api/v1/assist',
  'GET /api/v1/reports',
  'POST /api/v1/reports',
  'GET /api/v1/reports/{ref}',
  'GET /api/v1/incidents/{ref}/reports',
  'GET /api/v1/status-page/subscribers',
]);
/** Writes anyone signed in may make to their own account. */
const SELF_SERVICE = new Set([
  'POST /api/v1/tokens',
  'DELETE /api/v1/tokens/{id}',
  'POST /api/v1/me/password',
  'POST /api/v1/me/two-factor/setup',
  'POST /api/v1/me/two-factor/confirm',
  'POST /api/v1/me/two-factor/recovery-codes',
  'DELETE /api/v1/me/two-factor',
  'POST /api/v1/me/calendar-token',
  'POST /api/v1/me/contact-methods',
  'POST /api/v1/me/contact-methods/{id}/test',
  'DELETE /api/v1/me/contact-methods/{id}',
  'PUT /api/v1/me/notification-rules',
  'PUT /api/v1/incidents/{ref}/subscription',
  'DELETE /api/v1/incidents/{ref}/subscription',
  'PUT /api/v1/me/getting-started/dismissed',
  'DELETE /api/v1/me/getting-started/dismissed',
]);
/** The live stream never ends, so in-process calls that get past auth are skipped. */
const STREAM = 'GET /api/v1/stream';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
interface Operation {
  key: string;
  method: Method;
  url: string;
  needs: Role;
}

/** Every guarded /api/v1 operation of the OpenAPI document, with the role it needs. */
async function operations(api: ApiHarness): Promise<Operation[]> {
  const doc = ok<{ paths: Record<string, Record<string, unknown>> }>(
    await api.call('GET', '/api/v1/openapi.json', { as: null }),
  );
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((m) => {
      const method = m.toUpperCase() as Method;
      const key = `${method} ${path}`;
      const needs: Role = ADMIN_ONLY.has(key)
        ? 'admin'
        : SUPPORT.has(key)
          ? 'support'
          : method === 'GET' || SELF_SERVICE.has(key)
            ? 'viewer'
            : 'responder';
      return { key, method, url: path.replace('{ref}', 'INC-1').replace(/\{\w+\}/g, '1'), needs };
    }),
  );
  return ops.filter((op) => op.url.startsWith('/api/v1/') && !PUBLIC.has(op.key));
}

const call = (
  api: ApiHarness,
  op: Operation,
  as: Role | { token: string } | null,
  headers?: Record<string, string>,
) =>
  api.call(op.method, op.url, {
    as,
    ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { body: {} }),
    ...(headers ? { headers } : {}),
  });

/** Past the access check: neither refused nor a server error (404 or 400 are fine here). */
function expectAllowed(op: Operation, res: { statusCode: number; body: string }): void {
  expect([401, 403], `${op.key}: ${res.body}`).not.toContain(res.statusCode);
  expect(res.statusCode, `${op.key}: ${res.body}`).toBeLessThan(500);
}

describeEachDialect('API access', (dialect) => {
  const api = useApiHarness(dialect);

  it('classifies every operation, and the lists name only real operations', async () => {
    const ops = await operations(api());
    const keys = new Set(ops.map((op) => op.key));
    expect(ops.length).toBeGreaterThan(35);
    for (const key of [...ADMIN_ONLY, ...SUPPORT, ...SELF_SERVICE, STREAM]) expect(keys, key).toContain(key);
  });

  it('refuses every operation without credentials or with a bad one: 401 problem+json', async () => {
    for (const op of await operations(api())) {
      for (const [as, headers] of [
        [null, undefined],
        [{ token: 'bcn_not-a-real-token' }, undefined],
        [null, { authorization: 'Basic YWRtaW46YWRtaW4=' }],
        [null, { cookie: 'beacon_session=forged' }],
      ] as const) {
        const res = await call(api(), op, as, headers);
        expect(res.statusCode, `${op.key} ${JSON.stringify(as ?? headers)}`).toBe(401);
        expectProblem(res, 401);
      }
    }
  });

  it('lets a viewer read but not write (except to their own account)', async () => {
    await declare(api());
    await createService(api(), 'web');
    await createTeam(api(), 'platform');
    for (const op of await operations(api())) {
      if (op.key === STREAM) continue;
      const res = await call(api(), op, 'viewer');
      if (op.needs === 'viewer') expectAllowed(op, res);
      else {
        expect(res.statusCode, op.key).toBe(403);
        expectProblem(res, 403);
      }
    }
    expect((await api().call('GET', '/api/v1/incidents/INC-1', { as: 'viewer' })).json()).toMatchObject({
      version: 1,
    });
  });

  it('lets support read like a viewer and submit and read reports, nothing more', async () => {
    await declare(api());
    for (const op of await operations(api())) {
      if (op.key === STREAM) continue;
      const res = await call(api(), op, 'support');
      if (op.needs === 'viewer' || op.needs === 'support') expectAllowed(op, res);
      else {
        expect(res.statusCode, op.key).toBe(403);
        expectProblem(res, 403);
      }
    }
  });

  it('refuses admin-only operations to a responder, and allows the rest', async () => {
    await declare(api());
    for (const op of await operations(api())) {
      if (op.key === STREAM) continue;
      const res = await call(api(), op, 'responder');
      if (op.needs === 'admin') expectProblem(res, 403);
      else expectAllowed(op, res);
    }
    expect(ok<{ items: unknown[] }>(await api().call('GET', '/api/v1/users')).items).toHaveLength(4);
  });

  it('refuses a revoked token on the very next request', async () => {
    const created = ok<CreatedToken>(
      await api().call('POST', '/api/v1/tokens', { as: 'responder', body: { name: 'ci' } }),
      201,
    );
    const token = { token: created.token };
    ok(await api().call('GET', '/api/v1/incidents', { as: token }));
    expect((await api().call('DELETE', `/api/v1/tokens/${created.id}`, { as: token })).statusCode).toBe(204);
    expectProblem(await api().call('GET', '/api/v1/incidents', { as: token }), 401);
    const other = ok<CreatedToken>(
      await api().call('POST', '/api/v1/tokens', { as: 'viewer', body: { name: 'laptop' } }),
      201,
    );
    expect((await api().call('DELETE', `/api/v1/tokens/${other.id}`, { as: 'admin' })).statusCode).toBe(204);
    expectProblem(await api().call('GET', '/api/v1/incidents', { as: { token: other.token } }), 401);
    ok(await api().call('GET', '/api/v1/incidents', { as: 'viewer' }));
  });

  it('refuses a token once the clock passes its expiry', async () => {
    const expiresAt = new Date(api().clock.now() + 3_600_000).toISOString();
    const created = ok<CreatedToken>(
      await api().call('POST', '/api/v1/tokens', { as: 'viewer', body: { name: 'short', expiresAt } }),
      201,
    );
    expect(created.expiresAt).toBe(expiresAt);
    api().clock.advance(3_600_000 - 1);
    ok(await api().call('GET', '/api/v1/incidents', { as: { token: created.token } }));
    api().clock.advance(2);
    expectProblem(await api().call('GET', '/api/v1/incidents', { as: { token: created.token } }), 401);
  });

  it("refuses a disabled user's token, and accepts it again once re-enabled", async () => {
    const viewerId = api().users.viewer.userId;
    ok(await api().call('PATCH', `/api/v1/users/${viewerId}`, { body: { disabled: true } }));
    expectProblem(await api().call('GET', '/api/v1/incidents', { as: 'viewer' }), 401);
    ok(await api().call('PATCH', `/api/v1/users/${viewerId}`, { body: { disabled: false } }));
    ok(await api().call('GET', '/api/v1/incidents', { as: 'viewer' }));
  });

  it('applies a role change on the next request', async () => {
    expectProblem(await api().call('POST', '/api/v1/incidents', { as: 'viewer', body: { title: 'x' } }), 403);
    ok(
      await api().call('PATCH', `/api/v1/users/${api().users.viewer.userId}`, {
        body: { role: 'responder' },
      }),
    );
    ok(await api().call('POST', '/api/v1/incidents', { as: 'viewer', body: { title: 'x' } }), 201);
    ok(
      await api().call('PATCH', `/api/v1/users/${api().users.responder.userId}`, {
        body: { role: 'viewer' },
      }),
    );
    expectProblem(
      await api().call('POST', '/api/v1/incidents', { as: 'responder', body: { title: 'y' } }),
      403,
    );
    expect(ok<{ items: unknown[] }>(await api().call('GET', '/api/v1/incidents')).items).toHaveLength(1);
  });
});
