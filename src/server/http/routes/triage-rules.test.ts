import { expect, it } from 'vitest';
import type { TriageRuleSet } from '../../../core/schemas/triage.js';
import type { ApiHarness } from '../../../../test/support/server/api-harness.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { createService, expectProblem, ok } from '../../../../test/support/server/http/api-test-helpers.js';

const NOISE = {
  name: 'Noise',
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
        { field: 'label', name: 'alertname', op: 'regex', value: 'Postgres.*|Disk.*' },
      ],
      actions: { severity: 'SEV1', tags: ['db'] },
    },
  ],
};

const create = async (api: ApiHarness, body: Record<string, unknown> = NOISE) =>
  ok<TriageRuleSet>(await api.call('POST', '/api/v1/triage-rules', { body }), 201);

const list = async (api: ApiHarness, as: 'viewer' | 'responder' | 'admin' = 'viewer') =>
  ok<{ items: TriageRuleSet[] }>(await api.call('GET', '/api/v1/triage-rules', { as })).items;

describeEachDialect('triage rules API', (dialect) => {
  const api = useApiHarness(dialect);

  it('lets admins create, change, reorder and delete rule sets, each save a version, all audited', async () => {
    const set = await create(api());
    expect(set).toMatchObject({ name: 'Noise', mode: 'first_match', version: 1, service: null, position: 1 });
    expect(set.rules.map((r) => [r.id, r.name])).toEqual([
      [1, 'Drop staging'],
      [2, 'Prod database'],
    ]);
    expect(set.rules[1]?.actions).toMatchObject({
      severity: 'SEV1',
      tags: ['db'],
      suppress: false,
      impact: null,
    });

    const url = `/api/v1/triage-rules/${String(set.id)}`;
    for (const as of ['viewer', 'responder'] as const) {
      expect((await list(api(), as)).map((s) => s.id)).toEqual([set.id]);
      expectProblem(await api().call('POST', '/api/v1/triage-rules', { as, body: NOISE }), 403);
      expectProblem(await api().call('PATCH', url, { as, body: { mode: 'all_match' } }), 403);
      expectProblem(await api().call('DELETE', url, { as }), 403);
    }

    const service = await createService(api(), 'payments');
    const changed = ok<TriageRuleSet>(
      await api().call('PATCH', url, {
        body: { mode: 'all_match', serviceId: service.id, rules: [...set.rules.slice(1), { name: 'New' }] },
        headers: { 'if-match': '"1"' },
      }),
    );
    expect(changed).toMatchObject({
      version: 2,
      mode: 'all_match',
      service: { id: service.id, name: 'payments' },
    });
    // The kept rule keeps its id; the new one gets a fresh id, never a deleted rule's.
    expect(changed.rules.map((r) => [r.id, r.name])).toEqual([
      [2, 'Prod database'],
      [3, 'New'],
    ]);
    expectProblem(
      await api().call('PATCH', url, { body: { mode: 'first_match', version: 1 } }),
      409,
      'version',
    );

    const reordered = ok<TriageRuleSet>(
      await api().call('POST', `${url}/rules/order`, { body: { ruleIds: [3, 2], version: 2 } }),
    );
    expect(reordered.rules.map((r) => r.id)).toEqual([3, 2]);
    expect(reordered.version).toBe(3);
    expectProblem(await api().call('POST', `${url}/rules/order`, { body: { ruleIds: [3] } }), 400, 'ruleIds');

    const second = await create(api(), { name: 'Payments' });
    expect(second.position).toBe(2);
    const order = ok<{ items: TriageRuleSet[] }>(
      await api().call('POST', '/api/v1/triage-rules/order', { body: { ids: [second.id, set.id] } }),
    );
    expect(order.items.map((s) => s.id)).toEqual([second.id, set.id]);
    expectProblem(
      await api().call('POST', '/api/v1/triage-rules/order', { body: { ids: [set.id] } }),
      400,
      'ids',
    );
    expectProblem(
      await api().call('POST', '/api/v1/triage-rules/order', {
        as: 'responder',
        body: { ids: [set.id, second.id] },
      }),
      403,
    );

    const versions = ok<{ items: { version: number; mode: string; savedBy: { name: string } }[] }>(
      await api().call('GET', `${url}/versions`, { as: 'viewer' }),
    );
    expect(versions.items.map((v) => [v.version, v.mode])).toEqual([
      [3, 'all_match'],
      [2, 'all_match'],
      [1, 'first_match'],
    ]);
    expect(versions.items[0]?.savedBy.name).toBe('Admin');

    expect((await api().call('DELETE', url)).statusCode).toBe(204);
    expectProblem(await api().call('GET', url, { as: 'viewer' }), 404);
    const audit = ok<{ items: { action: string }[] }>(await api().call('GET', '/api/v1/audit?limit=50'));
    expect(audit.items.map((e) => e.action).filter((a) => a.startsWith('triage_rule_set.'))).toEqual([
      'triage_rule_set.delete',
      'triage_rule_set.reorder',
      'triage_rule_set.create',
      'triage_rule_set.reorder_rules',
      'triage_rule_set.update',
      'triage_rule_set.create',
    ]);
  });

  it('refuses an invalid rule naming the field, the rule and the condition, and changes nothing', async () => {
    const bad = {
      name: 'Bad',
      rules: [
        { name: 'ok', conditions: [] },
        {
          name: 'Lookbehind',
          conditions: [
            { field: 'label', name: 'env', op: 'equals', value: 'prod' },
            { field: 'label', name: 'team', op: 'regex', value: '(?<=a)b' },
          ],
        },
      ],
    };
    const problem = expectProblem(
      await api().call('POST', '/api/v1/triage-rules', { body: bad }),
      400,
      'rules.1.conditions.1.value',
    );
    expect(problem.errors?.[0]?.message).toMatch(/^Rule "Lookbehind", condition 2: invalid regex/);
    expectProblem(
      await api().call('POST', '/api/v1/triage-rules', { body: { name: 'x', serviceId: 999 } }),
      400,
      'serviceId',
    );
    expectProblem(
      await api().call('POST', '/api/v1/triage-rules', {
        body: { name: 'x', rules: [{ name: 'r', actions: { responsePlanId: 42 } }] },
      }),
      400,
      'rules.0.actions.responsePlanId',
    );
    expectProblem(
      await api().call('POST', '/api/v1/triage-rules', {
        body: {
          name: 'x',
          rules: [{ name: 'r', conditions: [{ field: 'colour', op: 'equals', value: 'x' }] }],
        },
      }),
      400,
      'rules.0.conditions.0.field',
    );
    expect(await list(api())).toEqual([]);

    const set = await create(api());
    const url = `/api/v1/triage-rules/${String(set.id)}`;
    expectProblem(
      await api().call('PATCH', url, { body: { rules: bad.rules } }),
      400,
      'rules.1.conditions.1.value',
    );
    expectProblem(await api().call('POST', '/api/v1/triage-rules', { body: NOISE }), 409, 'name');
    expect(ok<TriageRuleSet>(await api().call('GET', url, { as: 'viewer' }))).toEqual(set);
    expectProblem(
      await api().call('POST', '/api/v1/triage-rules/dry-run', { body: { ruleSet: bad } }),
      400,
      'rules.1.conditions.1.value',
    );
    expectProblem(
      await api().call('POST', '/api/v1/triage-rules/dry-run', { as: 'viewer', body: { ruleSet: NOISE } }),
      403,
    );
  });
});
