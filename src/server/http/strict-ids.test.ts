import { expect, it } from 'vitest';
import type { User } from '../../core/schemas/access.js';
import { useApiHarness } from '../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../test/support/server/test-database.js';
import {
  createService,
  createTeam,
  declare,
  expectProblem,
  ok,
  readIncident,
} from '../../../test/support/server/http/api-test-helpers.js';

/** Path segments that are not digits-only ids, though loose number parsing reads them as 1 (or more). */
const NOT_IDS = [
  '%201',
  '1%20',
  '+1',
  '-1',
  '0',
  '01',
  '0x1',
  '1e0',
  '1.0',
  '1_0',
  '%EF%BC%91',
  '99999999999',
];

describeEachDialect('strict ids in paths', (dialect) => {
  const api = useApiHarness(dialect);

  it('refuses an id that is not digits only with 400 naming the param, changing nothing', async () => {
    const userId = api().users.admin.userId;
    expect(userId).toBe(1);
    const users = () => api().call('GET', '/api/v1/users');
    const before = ok<unknown>(await users());
    for (const id of NOT_IDS) {
      expectProblem(
        await api().call('PATCH', `/api/v1/users/${id}`, { body: { name: 'Mallory' } }),
        400,
        'id',
      );
      expectProblem(await api().call('GET', `/api/v1/services/${id}`), 400, 'id');
    }
    expect(ok<unknown>(await users())).toEqual(before);
    const renamed = ok<User>(
      await api().call('PATCH', `/api/v1/users/${userId}`, { body: { name: 'Valid' } }),
    );
    expect(renamed.name).toBe('Valid');
  });

  it('refuses loose ids in every id param, cursor and id filter', async () => {
    const team = await createTeam(api(), 'Platform');
    const service = await createService(api(), 'web');
    const member = api().users.viewer.userId;
    for (const [url, field] of [
      [`/api/v1/teams/${team.id}/members/%20${member}`, 'userId'],
      [`/api/v1/teams/0${team.id}/members/${member}`, 'id'],
      ['/api/v1/incidents?serviceId=%20' + String(service.id), 'serviceId'],
      ['/api/v1/alerts?serviceId=1e0', 'serviceId'],
      ['/api/v1/audit?cursor=0x10', 'cursor'],
    ] as const) {
      expectProblem(
        await api().call(url.includes('members') ? 'PUT' : 'GET', url, { body: { role: 'member' } }),
        400,
        field,
      );
    }
  });

  it('refuses a body id beyond what an id column holds with 400 naming the field', async () => {
    const before = ok<unknown>(await api().call('GET', '/api/v1/services'));
    expectProblem(
      await api().call('POST', '/api/v1/services', { body: { name: 'web', ownerTeamId: 99_999_999_999 } }),
      400,
      'ownerTeamId',
    );
    expect(ok<unknown>(await api().call('GET', '/api/v1/services'))).toEqual(before);
  });

  it('refuses an incident reference with spaces, signs or leading zeros; INC-1 and 1 still work', async () => {
    const incident = await declare(api(), { title: 'Checkout is failing' });
    for (const ref of ['%201', 'INC-%201', '01', 'INC-01', '+1', '1.0', '1e0', 'INC-1x']) {
      expectProblem(
        await api().call('PATCH', `/api/v1/incidents/${ref}`, { body: { title: 'Changed' } }),
        400,
        'ref',
      );
    }
    expect((await readIncident(api(), 'INC-1')).title).toBe(incident.title);
    expect((await readIncident(api(), 'inc-1')).title).toBe(incident.title);
    expect((await readIncident(api(), 1)).title).toBe(incident.title);
  });
});
