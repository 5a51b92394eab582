import { expect, it } from 'vitest';
import type { Alert } from '../../../core/schemas/alerting.js';
import type { Incident } from '../../../core/schemas/incident.js';
import type { TriageDryRunResult, TriageRuleSet } from '../../../core/schemas/triage.js';
import type { ApiHarness } from '../../../../test/support/server/api-harness.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { ok, readIncident, readTimeline } from '../../../../test/support/server/http/api-test-helpers.js';
import {
  integrationFor,
  listAlerts,
  send,
} from '../../../../test/support/server/ingest/inbound-test-helpers.js';

const DAY = 24 * 60 * 60_000;

/** An Alertmanager v2 alert as Prometheus posts it. */
function promAlert(alertname: string, labels: Record<string, string>, endsAt?: number) {
  return {
    labels: { alertname, ...labels },
    annotations: {
      summary: `${alertname} on ${labels.instance ?? 'host'}`,
      runbook_url: 'https://runbooks.example/x',
    },
    ...(endsAt === undefined ? {} : { endsAt: new Date(endsAt).toISOString() }),
  };
}

async function postAlerts(api: ApiHarness, key: string, alerts: unknown[]): Promise<void> {
  const res = await send(api, 'POST', `/integrations/alertmanager/${key}/api/v2/alerts`, alerts);
  expect(res.statusCode, res.body).toBe(200);
}

async function prerequisites(api: ApiHarness) {
  const plan = ok<{ id: number }>(
    await api.call('POST', '/api/v1/response-plans', {
      body: { name: 'Database down', tasks: [{ title: 'Fail over' }] },
    }),
    201,
  );
  const policy = ok<{ id: number }>(
    await api.call('POST', '/api/v1/escalation-policies', {
      body: {
        name: 'DBA',
        steps: [{ delayMinutes: 5, targets: [{ type: 'user', id: api.users.responder.userId }] }],
      },
    }),
    201,
  );
  return { planId: plan.id, policyId: policy.id };
}

function ruleSet(ids: { planId: number; policyId: number }) {
  return {
    name: 'Production',
    mode: 'first_match',
    rules: [
      {
        name: 'Drop staging',
        conditions: [{ field: 'label', name: 'env', op: 'equals', value: 'staging' }],
        actions: { suppress: true },
      },
      {
        name: 'Prod database',
        conditions: [
          { field: 'label', name: 'env', op: 'equals', value: 'prod' },
          { field: 'label', name: 'alertname', op: 'regex', value: 'Postgres.*' },
          { field: 'annotation', name: 'runbook_url', op: 'exists' },
          { field: 'source', op: 'equals', value: 'alertmanager' },
        ],
        actions: {
          severity: 'SEV1',
          category: 'outage',
          tags: ['db'],
          responsePlanId: ids.planId,
          escalationPolicyId: ids.policyId,
        },
      },
      {
        name: 'Quiet nights',
        conditions: [{ field: 'severity', op: 'equals', value: 'info' }],
        actions: { urgency: 'low', tags: ['quiet'] },
      },
    ],
  };
}

const incidentOf = async (api: ApiHarness, alert: Alert | undefined): Promise<Incident> => {
  if (!alert?.incident) throw new Error(`alert ${alert?.dedupKey ?? '?'} opened no incident`);
  return readIncident(api, alert.incident.ref);
};

describeEachDialect('triage rules in the alert pipeline', (dialect) => {
  const api = useApiHarness(dialect);

  it('applies rules to an Alertmanager alert in the transaction that opens its incident, on the timeline', async () => {
    const ids = await prerequisites(api());
    ok(await api().call('POST', '/api/v1/triage-rules', { body: ruleSet(ids) }), 201);
    const { key } = await integrationFor(api(), 'alertmanager', 'db');
    await postAlerts(api(), key, [
      promAlert('PostgresDown', { env: 'prod', instance: 'db-1', severity: 'warning' }),
      promAlert('PostgresLag', { env: 'staging', instance: 'db-9', severity: 'critical' }),
    ]);
    const alerts = await listAlerts(api());
    const prod = alerts.find((a) => a.labels.env === 'prod');
    const incident = await incidentOf(api(), prod);
    expect(incident).toMatchObject({
      severity: 'SEV1',
      impact: 'high',
      urgency: 'high',
      priority: 'P1',
      category: 'outage',
      tags: ['db'],
    });
    const timeline = await readTimeline(api(), incident.ref);
    const triaged = timeline.filter((e) => e.kind === 'triaged');
    expect(triaged).toHaveLength(1);
    expect(triaged[0]?.actor.name).toBe('Beacon triage rules');
    expect(triaged[0]?.body).toBe(
      'Triage rule "Prod database" (rule set "Production" v1): severity SEV3 → SEV1, impact medium → high, ' +
        'urgency medium → high, category none → outage, escalation policy "DBA", priority P3 → P1, tags + db, ' +
        'response plan "Database down"',
    );
    expect(triaged[0]?.changes).toMatchObject({ severity: { before: 'SEV3', after: 'SEV1' } });
    expect(timeline.some((e) => e.kind === 'plan_attached' && e.body?.startsWith('Database down'))).toBe(
      true,
    );
    const escalation = ok<{ policyId: number | null }>(
      await api().call('GET', `/api/v1/incidents/${incident.ref}/escalation`, { as: 'viewer' }),
    );
    expect(escalation.policyId).toBe(ids.policyId);

    // The staging alert is recorded, marked with the rule, and opened nothing.
    const staging = alerts.find((a) => a.labels.env === 'staging');
    expect(staging).toMatchObject({ isSuppressed: true, incident: null });
    expect(staging?.suppressedBy).toMatchObject({
      ruleSetName: 'Production',
      ruleSetVersion: 1,
      ruleName: 'Drop staging',
    });
    const detail = ok<Alert & { history: { kind: string; message: string | null }[] }>(
      await api().call('GET', `/api/v1/alerts/${String(staging?.id)}`, { as: 'viewer' }),
    );
    expect(detail.history[0]).toMatchObject({
      kind: 'suppressed',
      message: 'Suppressed by Triage rule "Drop staging" (rule set "Production" v1): PostgresLag on db-9',
    });
    const incidents = ok<{ items: Incident[] }>(
      await api().call('GET', '/api/v1/incidents', { as: 'viewer' }),
    );
    expect(incidents.items).toHaveLength(1);
  });

  it('does to arriving alerts exactly what the dry run showed for the same stored alerts', async () => {
    const ids = await prerequisites(api());
    const { key } = await integrationFor(api(), 'alertmanager', 'db');
    const batch = [
      promAlert('PostgresDown', { env: 'prod', instance: 'db-1', severity: 'warning' }),
      promAlert('PostgresLag', { env: 'staging', instance: 'db-2', severity: 'critical' }),
      promAlert('DiskFull', { env: 'prod', instance: 'web-1', severity: 'info' }),
      promAlert('HighLatency', { env: 'prod', instance: 'web-2', severity: 'error' }),
    ];
    await postAlerts(api(), key, batch);
    const draft = ruleSet(ids);
    const dryRun = ok<TriageDryRunResult>(
      await api().call('POST', '/api/v1/triage-rules/dry-run', {
        as: 'responder',
        body: { ruleSet: draft, limit: 10 },
      }),
    );
    expect(dryRun.items).toHaveLength(4);
    expect(dryRun.ruleHits.map((h) => [h.ruleName, h.hits])).toEqual([
      ['Drop staging', 1],
      ['Prod database', 1],
      ['Quiet nights', 1],
    ]);
    expect(dryRun.items.filter((i) => i.isChanged)).toHaveLength(3);
    // Nothing was saved by the dry run.
    expect(ok<{ items: TriageRuleSet[] }>(await api().call('GET', '/api/v1/triage-rules')).items).toEqual([]);

    ok(await api().call('POST', '/api/v1/triage-rules', { body: draft }), 201);
    await postAlerts(
      api(),
      key,
      batch.map((a) => ({ ...a, endsAt: new Date(api().clock.now()).toISOString() })),
    );
    api().clock.advance(2 * DAY);
    await postAlerts(api(), key, batch);

    const arrived = (await listAlerts(api())).filter((a) => a.status === 'firing');
    expect(arrived).toHaveLength(4);
    for (const predicted of dryRun.items) {
      const alert = arrived.find((a) => a.dedupKey === predicted.ref);
      expect(alert?.isSuppressed, predicted.summary).toBe(predicted.outcome.suppressed);
      if (predicted.outcome.suppressed) {
        expect(alert?.incident).toBeNull();
        expect(alert?.suppressedBy?.ruleName).toBe(predicted.matches[0]?.ruleName);
        continue;
      }
      const incident = await incidentOf(api(), alert);
      const { severity, impact, urgency, priority, category, tags } = predicted.outcome;
      expect(incident, predicted.summary).toMatchObject({
        severity,
        impact,
        urgency,
        priority,
        category,
        tags,
      });
      const triaged = (await readTimeline(api(), incident.ref)).filter((e) => e.kind === 'triaged');
      expect(triaged.map((e) => e.body)).toEqual(
        predicted.matches.map(
          (m) => `Triage rule "${m.ruleName}" (rule set "${m.ruleSetName}" v1): ${m.summary}`,
        ),
      );
    }
  });

  it('applies rules on report text when customer reports open a triage incident', async () => {
    ok(
      await api().call('POST', '/api/v1/triage-rules', {
        body: {
          name: 'Customers',
          rules: [
            {
              name: 'Payments',
              conditions: [
                { field: 'source', op: 'equals', value: 'report' },
                { field: 'report_text', op: 'contains', value: 'checkout' },
              ],
              actions: { severity: 'SEV2', tags: ['payments'] },
            },
          ],
        },
      }),
      201,
    );
    const messages = [
      'Checkout fails: payment page shows error 502 when I click Pay',
      'I cannot pay, the checkout gives a 502 error on the payment step',
      'Payment at checkout keeps failing with error 502',
    ];
    for (const [i, message] of messages.entries()) {
      ok(
        await api().call('POST', '/api/v1/reports', {
          as: 'support',
          body: { name: 'Ana', email: `c${String(i)}@example.com`, message },
        }),
        201,
      );
      api().clock.advance(60_000);
    }
    const incident = await readIncident(api(), 'INC-1');
    expect(incident).toMatchObject({
      status: 'triage',
      severity: 'SEV2',
      priority: 'P2',
      tags: ['customer-reports', 'payments'],
    });
    const triaged = (await readTimeline(api(), 'INC-1')).filter((e) => e.kind === 'triaged');
    expect(triaged.map((e) => e.body)).toEqual([
      'Triage rule "Payments" (rule set "Customers" v1): severity SEV3 → SEV2, impact medium → high, priority P3 → P2, tags + payments',
    ]);
    const dryRun = ok<TriageDryRunResult>(
      await api().call('POST', '/api/v1/triage-rules/dry-run', {
        body: {
          ruleSet: {
            name: 'Draft',
            rules: [
              {
                name: 'Suppress',
                conditions: [{ field: 'report_text', op: 'regex', value: '.*502.*' }],
                actions: { suppress: true },
              },
            ],
          },
        },
      }),
    );
    expect(dryRun.items).toMatchObject([{ kind: 'report', ref: 'INC-1', current: { severity: 'SEV2' } }]);
    expect(dryRun.items[0]?.matches.map((m) => m.ruleName)).toEqual(['Payments', 'Suppress']);
    expect(dryRun.items[0]?.outcome.suppressed).toBe(true);
  });
});
