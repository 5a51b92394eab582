import { expect, it } from 'vitest';
import type { AuditEntry } from '../../../core/schemas/access.js';
import { type ApiHarness, useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { ok } from '../../../../test/support/server/http/api-test-helpers.js';
import { startFakePagerDuty } from '../../../../test/support/fakes/pagerduty-api.js';
import { pagerDutyAccount } from '../../../../test/support/fakes/pagerduty-fixtures.js';

// Every operation of the API that changes something is either configuration, and then a case
// below must show it writes an audit entry, or listed as not configuration. A new operation
// that is neither fails this test, so no configuration change goes unrecorded.

/** Operations that change incidents, the caller's own account or deliveries, not configuration. */
const NOT_CONFIGURATION = [
  /^\w+ \/api\/v1\/incidents(\/|$)/,
  /^\w+ \/api\/v1\/me\//,
  /^\w+ \/api\/v1\/session(\/|$)/,
  /^POST \/api\/v1\/events$/,
  /^POST \/api\/v1\/password-reset$/,
  /^POST \/api\/v1\/account-links\/(check|redeem)$/,
  /^POST \/api\/v1\/webhooks\/\{id\}\/test$/,
  /^POST \/api\/v1\/webhooks\/\{id\}\/deliveries\/\{deliveryId\}\/retry$/,
  /^POST \/api\/v1\/notifications\/\{id\}\/retry$/,
  // A test alert goes through the pipeline like any alert: the incident it opens records it.
  /^POST \/api\/v1\/integrations\/\{id\}\/test-alert$/,
  /^POST \/api\/v1\/admin\/warnings\/dead-letters\/dismiss$/,
  // Customer reports and their links: recorded on the incidents' timelines.
  /^\w+ \/api\/v1\/reports(\/|$)/,
  // The answer API reads; a message it records is a customer report.
  /^POST \/api\/v1\/assist$/,
  // A dry run evaluates a draft and changes nothing.
  /^POST \/api\/v1\/triage-rules\/dry-run$/,
  // Follow-up actions are work, not configuration: recorded on their incidents' timelines.
  /^\w+ \/api\/v1\/follow-ups(\/|$)/,
];

/** What the cases create and later change or delete. */
type Ids = Record<string, number>;

interface AuditCase {
  /** The operation as the OpenAPI document names it: `METHOD /path/{param}`. */
  operation: string;
  /** The audit action it must record. */
  action: string;
  /** Make the request; returns the created object's id when later cases need it. */
  run(api: ApiHarness, ids: Ids): Promise<number | undefined>;
}

async function send(
  api: ApiHarness,
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<number | undefined> {
  const reply = await api.call(method, url, body === undefined ? {} : { body });
  expect(reply.statusCode, `${method} ${url}: ${reply.body}`).toBeLessThan(300);
  if (reply.statusCode === 204) return undefined;
  const parsed = reply.json<{ id?: unknown; user?: { id?: unknown } }>();
  return typeof parsed.id === 'number' ? parsed.id : undefined;
}

const layer = (userId: number) => ({
  participants: [userId],
  rotation: { kind: 'daily' },
  handoffTime: '09:00',
  startDate: '2026-03-01',
});

/** In order: each case may use the ids of the ones before it. */
const CASES: AuditCase[] = [
  {
    operation: 'POST /api/v1/teams',
    action: 'team.create',
    run: (api) => send(api, 'POST', '/api/v1/teams', { name: 'Platform' }),
  },
  {
    operation: 'PATCH /api/v1/teams/{id}',
    action: 'team.update',
    run: (api, ids) => send(api, 'PATCH', `/api/v1/teams/${ids.team}`, { description: 'Runs the platform' }),
  },
  {
    operation: 'PUT /api/v1/teams/{id}/members/{userId}',
    action: 'team.member_set',
    run: (api, ids) =>
      send(api, 'PUT', `/api/v1/teams/${ids.team}/members/${api.users.responder.userId}`, { role: 'lead' }),
  },
  {
    operation: 'DELETE /api/v1/teams/{id}/members/{userId}',
    action: 'team.member_remove',
    run: (api, ids) => send(api, 'DELETE', `/api/v1/teams/${ids.team}/members/${api.users.responder.userId}`),
  },
  {
    operation: 'POST /api/v1/services',
    action: 'service.create',
    run: (api) => send(api, 'POST', '/api/v1/services', { name: 'web' }),
  },
  {
    operation: 'PATCH /api/v1/services/{id}',
    action: 'service.update',
    run: (api, ids) => send(api, 'PATCH', `/api/v1/services/${ids.service}`, { description: 'The website' }),
  },
  {
    operation: 'PATCH /api/v1/services/{id}/alert-rules',
    action: 'alert_rules.update',
    run: (api, ids) =>
      send(api, 'PATCH', `/api/v1/services/${ids.service}/alert-rules`, { groupWindowMinutes: 30 }),
  },
  {
    operation: 'POST /api/v1/services/{id}/integrations',
    action: 'integration.create',
    run: (api, ids) =>
      send(api, 'POST', `/api/v1/services/${ids.service}/integrations`, {
        type: 'alertmanager',
        name: 'Prom',
      }),
  },
  {
    operation: 'PATCH /api/v1/integrations/{id}',
    action: 'integration.update',
    run: (api, ids) => send(api, 'PATCH', `/api/v1/integrations/${ids.integration}`, { name: 'Prometheus' }),
  },
  {
    operation: 'POST /api/v1/integrations/{id}/rotate',
    action: 'integration.rotate',
    run: (api, ids) => send(api, 'POST', `/api/v1/integrations/${ids.integration}/rotate`),
  },
  {
    operation: 'DELETE /api/v1/integrations/{id}',
    action: 'integration.delete',
    run: (api, ids) => send(api, 'DELETE', `/api/v1/integrations/${ids.integration}`),
  },
  {
    operation: 'POST /api/v1/services/{id}/checks',
    action: 'check.create',
    run: (api, ids) =>
      send(api, 'POST', `/api/v1/services/${ids.service}/checks`, {
        type: 'http',
        name: 'Health',
        config: { url: 'https://api.example.com/health' },
      }),
  },
  {
    operation: 'PATCH /api/v1/checks/{id}',
    action: 'check.update',
    run: (api, ids) => send(api, 'PATCH', `/api/v1/checks/${ids.check}`, { name: 'API health' }),
  },
  {
    operation: 'DELETE /api/v1/checks/{id}',
    action: 'check.delete',
    run: (api, ids) => send(api, 'DELETE', `/api/v1/checks/${ids.check}`),
  },
  {
    operation: 'POST /api/v1/services/{id}/maintenance',
    action: 'maintenance.schedule',
    run: (api, ids) =>
      send(api, 'POST', `/api/v1/services/${ids.service}/maintenance`, {
        startsAt: '2026-03-02T00:00:00Z',
        endsAt: '2026-03-02T01:00:00Z',
        reason: 'Upgrade',
      }),
  },
  {
    operation: 'DELETE /api/v1/maintenance/{id}',
    action: 'maintenance.end',
    run: (api, ids) => send(api, 'DELETE', `/api/v1/maintenance/${ids.maintenance}`),
  },
  {
    operation: 'POST /api/v1/schedules',
    action: 'schedule.create',
    run: (api) =>
      send(api, 'POST', '/api/v1/schedules', {
        name: 'Primary',
        timeZone: 'UTC',
        layers: [layer(api.users.responder.userId)],
      }),
  },
  {
    operation: 'PATCH /api/v1/schedules/{id}',
    action: 'schedule.update',
    run: (api, ids) => send(api, 'PATCH', `/api/v1/schedules/${ids.schedule}`, { name: 'Primary on-call' }),
  },
  {
    operation: 'POST /api/v1/schedules/{id}/overrides',
    action: 'schedule_override.create',
    run: (api, ids) =>
      send(api, 'POST', `/api/v1/schedules/${ids.schedule}/overrides`, {
        userId: api.users.admin.userId,
        start: '2026-03-02T00:00:00Z',
        end: '2026-03-03T00:00:00Z',
      }),
  },
  {
    operation: 'DELETE /api/v1/schedules/{id}/overrides/{oid}',
    action: 'schedule_override.delete',
    run: (api, ids) =>
      send(api, 'DELETE', `/api/v1/schedules/${ids.schedule}/overrides/${ids.schedule_override}`),
  },
  {
    operation: 'POST /api/v1/escalation-policies',
    action: 'escalation_policy.create',
    run: (api, ids) =>
      send(api, 'POST', '/api/v1/escalation-policies', {
        name: 'Web',
        repeatCount: 0,
        steps: [{ delayMinutes: 5, targets: [{ type: 'schedule', id: ids.schedule }] }],
      }),
  },
  {
    operation: 'PATCH /api/v1/escalation-policies/{id}',
    action: 'escalation_policy.update',
    run: (api, ids) =>
      send(api, 'PATCH', `/api/v1/escalation-policies/${ids.escalation_policy}`, { repeatCount: 2 }),
  },
  {
    operation: 'PATCH /api/v1/services/{id}/escalation-policy',
    action: 'service.escalation_policy',
    run: (api, ids) =>
      send(api, 'PATCH', `/api/v1/services/${ids.service}/escalation-policy`, {
        policyId: ids.escalation_policy,
      }),
  },
  {
    operation: 'DELETE /api/v1/escalation-policies/{id}',
    action: 'escalation_policy.delete',
    run: (api, ids) => send(api, 'DELETE', `/api/v1/escalation-policies/${ids.escalation_policy}`),
  },
  {
    operation: 'DELETE /api/v1/schedules/{id}',
    action: 'schedule.delete',
    run: (api, ids) => send(api, 'DELETE', `/api/v1/schedules/${ids.schedule}`),
  },
  {
    operation: 'POST /api/v1/response-plans',
    action: 'response_plan.create',
    run: (api) =>
      send(api, 'POST', '/api/v1/response-plans', { name: 'Major', tasks: [{ title: 'Open a bridge' }] }),
  },
  {
    operation: 'PATCH /api/v1/response-plans/{id}',
    action: 'response_plan.update',
    run: (api, ids) =>
      send(api, 'PATCH', `/api/v1/response-plans/${ids.response_plan}`, { name: 'Major incident' }),
  },
  {
    operation: 'DELETE /api/v1/response-plans/{id}',
    action: 'response_plan.delete',
    run: (api, ids) => send(api, 'DELETE', `/api/v1/response-plans/${ids.response_plan}`),
  },
  {
    operation: 'POST /api/v1/triage-rules',
    action: 'triage_rule_set.create',
    run: (api) =>
      send(api, 'POST', '/api/v1/triage-rules', { name: 'Noise', rules: [{ name: 'a' }, { name: 'b' }] }),
  },
  {
    operation: 'PATCH /api/v1/triage-rules/{id}',
    action: 'triage_rule_set.update',
    run: (api, ids) =>
      send(api, 'PATCH', `/api/v1/triage-rules/${ids.triage_rule_set}`, { mode: 'all_match' }),
  },
  {
    operation: 'POST /api/v1/triage-rules/{id}/rules/order',
    action: 'triage_rule_set.reorder_rules',
    run: (api, ids) =>
      send(api, 'POST', `/api/v1/triage-rules/${ids.triage_rule_set}/rules/order`, { ruleIds: [2, 1] }),
  },
  {
    operation: 'POST /api/v1/triage-rules/order',
    action: 'triage_rule_set.reorder',
    run: (api, ids) => send(api, 'POST', '/api/v1/triage-rules/order', { ids: [ids.triage_rule_set] }),
  },
  {
    operation: 'DELETE /api/v1/triage-rules/{id}',
    action: 'triage_rule_set.delete',
    run: (api, ids) => send(api, 'DELETE', `/api/v1/triage-rules/${ids.triage_rule_set}`),
  },
  {
    operation: 'POST /api/v1/webhooks',
    action: 'webhook.create',
    run: (api) => send(api, 'POST', '/api/v1/webhooks', { url: 'https://hooks.example.com/beacon' }),
  },
  {
    operation: 'PATCH /api/v1/webhooks/{id}',
    action: 'webhook.update',
    run: (api, ids) => send(api, 'PATCH', `/api/v1/webhooks/${ids.webhook}`, { description: 'Ticketing' }),
  },
  {
    operation: 'POST /api/v1/webhooks/{id}/rotate-secret',
    action: 'webhook.rotate_secret',
    run: (api, ids) => send(api, 'POST', `/api/v1/webhooks/${ids.webhook}/rotate-secret`),
  },
  {
    operation: 'DELETE /api/v1/webhooks/{id}',
    action: 'webhook.delete',
    run: (api, ids) => send(api, 'DELETE', `/api/v1/webhooks/${ids.webhook}`),
  },
  {
    operation: 'PATCH /api/v1/status-page',
    action: 'status_page.update',
    run: (api) =>
      send(api, 'PATCH', '/api/v1/status-page', { name: 'Acme status', timeZone: 'Europe/Paris' }),
  },
  {
    operation: 'POST /api/v1/status-page/groups',
    action: 'status_group.create',
    run: (api) => send(api, 'POST', '/api/v1/status-page/groups', { name: 'Shop' }),
  },
  {
    operation: 'PATCH /api/v1/status-page/groups/{id}',
    action: 'status_group.update',
    run: (api, ids) => send(api, 'PATCH', `/api/v1/status-page/groups/${ids.status_group}`, { position: 2 }),
  },
  {
    operation: 'POST /api/v1/status-page/components',
    action: 'status_component.create',
    run: (api, ids) =>
      send(api, 'POST', '/api/v1/status-page/components', {
        name: 'Web',
        groupId: ids.status_group,
        serviceIds: [ids.service],
      }),
  },
  {
    operation: 'PATCH /api/v1/status-page/components/{id}',
    action: 'status_component.update',
    run: (api, ids) =>
      send(api, 'PATCH', `/api/v1/status-page/components/${ids.status_component}`, { statusMode: 'manual' }),
  },
  {
    operation: 'DELETE /api/v1/status-page/components/{id}',
    action: 'status_component.delete',
    run: (api, ids) => send(api, 'DELETE', `/api/v1/status-page/components/${ids.status_component}`),
  },
  {
    operation: 'DELETE /api/v1/status-page/groups/{id}',
    action: 'status_group.delete',
    run: (api, ids) => send(api, 'DELETE', `/api/v1/status-page/groups/${ids.status_group}`),
  },
  {
    operation: 'POST /api/v1/status-page/templates',
    action: 'status_template.create',
    run: (api) =>
      send(api, 'POST', '/api/v1/status-page/templates', {
        name: 'Fixed',
        status: 'resolved',
        message: 'Fixed.',
      }),
  },
  {
    operation: 'PATCH /api/v1/status-page/templates/{id}',
    action: 'status_template.update',
    run: (api, ids) =>
      send(api, 'PATCH', `/api/v1/status-page/templates/${ids.status_template}`, {
        message: 'It works again.',
      }),
  },
  {
    operation: 'DELETE /api/v1/status-page/templates/{id}',
    action: 'status_template.delete',
    run: (api, ids) => send(api, 'DELETE', `/api/v1/status-page/templates/${ids.status_template}`),
  },
  {
    operation: 'POST /api/v1/status-page/subscribers',
    action: 'status_subscriber.create',
    run: (api) =>
      send(api, 'POST', '/api/v1/status-page/subscribers', {
        channel: 'email',
        address: 'ana@example.com',
        skipOptIn: true,
        reason: 'moved from the old page',
      }),
  },
  {
    operation: 'DELETE /api/v1/status-page/subscribers/{id}',
    action: 'status_subscriber.delete',
    run: (api, ids) => send(api, 'DELETE', `/api/v1/status-page/subscribers/${ids.status_subscriber}`),
  },
  {
    operation: 'PATCH /api/v1/status-page/subscribers/settings',
    action: 'status_subscriber_settings.update',
    run: (api) => send(api, 'PATCH', '/api/v1/status-page/subscribers/settings', { bundleSeconds: 120 }),
  },
  {
    operation: 'DELETE /api/v1/services/{id}',
    action: 'service.delete',
    run: (api, ids) => send(api, 'DELETE', `/api/v1/services/${ids.service}`),
  },
  {
    operation: 'DELETE /api/v1/teams/{id}',
    action: 'team.delete',
    run: (api, ids) => send(api, 'DELETE', `/api/v1/teams/${ids.team}`),
  },
  {
    operation: 'PATCH /api/v1/settings',
    action: 'settings.update',
    run: (api) => send(api, 'PATCH', '/api/v1/settings', { reopenWindowHours: 24 }),
  },
  {
    operation: 'PUT /api/v1/settings/resolution',
    action: 'settings.resolution_update',
    run: (api) => send(api, 'PUT', '/api/v1/settings/resolution', { autoCloseDays: 7 }),
  },
  {
    operation: 'POST /api/v1/users',
    action: 'user.create',
    run: (api) =>
      send(api, 'POST', '/api/v1/users', {
        email: 'dana@example.com',
        role: 'viewer',
        password: 'a-long-password-1',
      }),
  },
  {
    operation: 'PATCH /api/v1/users/{id}',
    action: 'user.update',
    run: (api, ids) => send(api, 'PATCH', `/api/v1/users/${ids.user}`, { name: 'Dana' }),
  },
  {
    operation: 'POST /api/v1/users/{id}/password-reset',
    action: 'user.password_reset_send',
    run: (api, ids) => send(api, 'POST', `/api/v1/users/${ids.user}/password-reset`),
  },
  {
    operation: 'POST /api/v1/users/invite',
    action: 'user.invite',
    run: async (api, ids) => {
      const id = await send(api, 'POST', '/api/v1/users/invite', {
        email: 'eli@example.com',
        role: 'viewer',
      });
      if (id !== undefined) ids.invited = id;
      return undefined;
    },
  },
  {
    operation: 'POST /api/v1/users/{id}/invitation',
    action: 'user.invite_resend',
    run: (api, ids) => send(api, 'POST', `/api/v1/users/${ids.invited}/invitation`),
  },
  {
    operation: 'DELETE /api/v1/users/{id}/invitation',
    action: 'user.invite_revoke',
    run: (api, ids) => send(api, 'DELETE', `/api/v1/users/${ids.invited}/invitation`),
  },
  {
    operation: 'POST /api/v1/tokens',
    action: 'token.create',
    run: (api) => send(api, 'POST', '/api/v1/tokens', { name: 'CI' }),
  },
  {
    operation: 'DELETE /api/v1/tokens/{id}',
    action: 'token.revoke',
    run: (api, ids) => send(api, 'DELETE', `/api/v1/tokens/${ids.token}`),
  },
  {
    operation: 'POST /api/v1/imports',
    action: 'import.apply',
    run: (api) =>
      send(api, 'POST', '/api/v1/imports', {
        apply: true,
        setup: {
          source: 'pagerduty',
          users: [{ sourceId: 'P1', name: 'Ana', email: 'ana@import.test', role: 'responder' }],
          teams: [],
          schedules: [],
          escalationPolicies: [],
          services: [],
          maintenanceWindows: [],
        },
      }),
  },
  {
    operation: 'POST /api/v1/imports/read',
    action: 'import.read',
    run: async (api) => {
      const fake = await startFakePagerDuty(pagerDutyAccount(api.clock.now()), () => api.clock.now());
      try {
        return await send(api, 'POST', '/api/v1/imports/read', {
          source: 'pagerduty',
          apiUrl: fake.url,
          token: fake.token,
        });
      } finally {
        await fake.close();
      }
    },
  },
];

/** Every operation of the OpenAPI document that is not a read. */
async function writeOperations(api: ApiHarness): Promise<string[]> {
  const doc = ok<{ paths: Record<string, Record<string, unknown>> }>(
    await api.call('GET', '/api/v1/openapi.json', { as: null }),
  );
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods)
      .map((method) => method.toUpperCase())
      .filter((method) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method))
      .map((method) => `${method} ${path}`),
  );
}

async function latestAudit(api: ApiHarness): Promise<AuditEntry | undefined> {
  return ok<{ items: AuditEntry[] }>(await api.call('GET', '/api/v1/audit?limit=1')).items[0];
}

describeEachDialect('audit log coverage', (dialect) => {
  const api = useApiHarness(dialect);

  it('has a case for every operation that changes configuration, and nothing else', async () => {
    const operations = await writeOperations(api());
    const covered = new Set(CASES.map((c) => c.operation));
    const unclassified = operations.filter(
      (op) => !covered.has(op) && !NOT_CONFIGURATION.some((pattern) => pattern.test(op)),
    );
    expect(unclassified, 'operations with neither an audit case nor a reason to have none').toEqual([]);
    expect(CASES.map((c) => c.operation).filter((op) => !operations.includes(op))).toEqual([]);
  });

  it('records who changed what for every configuration operation, without secrets', async () => {
    const ids: Ids = {};
    for (const auditCase of CASES) {
      const before = await latestAudit(api());
      const id = await auditCase.run(api(), ids);
      const type = auditCase.action.slice(0, auditCase.action.indexOf('.'));
      if (id !== undefined && ids[type] === undefined) ids[type] = id;
      const entry = await latestAudit(api());
      expect(entry?.id, `${auditCase.operation} wrote no audit entry`).not.toBe(before?.id);
      expect(entry, auditCase.operation).toMatchObject({
        action: auditCase.action,
        actor: { id: api().users.admin.userId },
      });
      expect(JSON.stringify(entry?.data ?? {}), auditCase.operation).not.toMatch(/secret|password|"key"/i);
    }
  });
});
