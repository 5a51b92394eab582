import { expect, it } from 'vitest';
import type { IncidentPage } from '../../../core/schemas/incident.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { declare, expectProblem, ok } from '../../../../test/support/server/http/api-test-helpers.js';

describeEachDialect('incident list: mine and unassigned', (dialect) => {
  const api = useApiHarness(dialect);

  it('filters the incidents the caller leads or holds a role in, and those without a commander', async () => {
    const { users } = api();
    await declare(api(), { title: 'Led by the responder', commanderId: users.responder.userId });
    await declare(api(), { title: 'Led by the admin', commanderId: users.admin.userId });
    await declare(api(), { title: 'Nobody leads' });
    await declare(api(), { title: 'Responder is scribe' });
    ok(
      await api().call('PUT', '/api/v1/incidents/INC-4/roles/scribe', {
        as: 'responder',
        body: { userId: users.responder.userId },
      }),
    );
    const refs = async (query: string, as: 'responder' | 'admin' = 'responder') =>
      ok<IncidentPage>(await api().call('GET', `/api/v1/incidents?${query}`, { as })).items.map(
        (incident) => incident.ref,
      );
    expect(await refs('mine=true')).toEqual(['INC-4', 'INC-1']);
    expect(await refs('mine=true', 'admin')).toEqual(['INC-2']);
    expect(await refs('unassigned=true')).toEqual(['INC-4', 'INC-3']);
    expect(await refs('mine=true&unassigned=true')).toEqual(['INC-4']);
    expect(await refs('mine=false')).toHaveLength(4);
    expectProblem(await api().call('GET', '/api/v1/incidents?mine=yes'), 400, 'mine');
  });
});
