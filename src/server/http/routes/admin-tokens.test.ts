import { expect, it } from 'vitest';
import type { ApiToken, AuditEntry, CreatedToken, User } from '../../../core/schemas/access.js';
import { type ApiHarness, useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { expectProblem, ok } from '../../../../test/support/server/http/api-test-helpers.js';

type Page<T> = { items: T[]; nextCursor: string | null };
const tokens = async (api: ApiHarness, query = '', as: 'admin' | 'responder' | 'viewer' = 'admin') =>
  ok<{ items: ApiToken[] }>(await api.call('GET', `/api/v1/tokens${query}`, { as })).items;

describeEachDialect('tokens API', (dialect) => {
  const api = useApiHarness(dialect);
  const createToken = (body: Record<string, unknown>, as: 'admin' | 'responder' | 'viewer' = 'responder') =>
    api().call('POST', '/api/v1/tokens', { as, body });

  it('shows a new token secret once; listings never show it', async () => {
    const created = ok<CreatedToken>(await createToken({ name: 'deploy bot' }), 201);
    expect(created).toMatchObject({
      name: 'deploy bot',
      user: { id: api().users.responder.userId },
      revokedAt: null,
      lastUsedAt: null,
    });
    expect(created.token).toMatch(/^bcn_\S{20,}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    const listing = await api().call('GET', '/api/v1/tokens', { as: 'responder' });
    expect(listing.body).not.toContain(created.token);
    expect(listing.body).not.toContain(created.token.slice(created.prefix.length));
    const mine = ok<{ items: ApiToken[] }>(listing).items;
    expect(mine.map((t) => t.name)).toEqual(['deploy bot', 'responder token']);
    expect(mine[0]).not.toHaveProperty('token');
  });

  it('records when a token was last used', async () => {
    const created = ok<CreatedToken>(await createToken({ name: 'ci' }), 201);
    api().clock.advance(120_000);
    ok(await api().call('GET', '/api/v1/incidents', { as: { token: created.token } }));
    const listed = (await tokens(api(), '', 'responder')).find((t) => t.id === created.id);
    expect(listed?.lastUsedAt).toBe(new Date(api().clock.now()).toISOString());
  });

  it("lets an admin list everyone's tokens with all=true, not a responder", async () => {
    expect((await tokens(api(), '?all=true')).map((t) => t.user.email).sort()).toEqual([
      'admin@example.com',
      'responder@example.com',
      'support@example.com',
      'viewer@example.com',
    ]);
    expect((await tokens(api(), '', 'responder')).map((t) => t.name)).toEqual(['responder token']);
    expectProblem(await api().call('GET', '/api/v1/tokens?all=true', { as: 'responder' }), 403);
    expectProblem(await api().call('GET', '/api/v1/tokens?all=yes', { as: 'admin' }), 400, 'all');
  });

  it('lets an admin create a token for another user, and nobody else', async () => {
    const viewerId = api().users.viewer.userId;
    const forViewer = ok<CreatedToken>(
      await createToken({ name: 'for viewer', userId: viewerId }, 'admin'),
      201,
    );
    expect(forViewer.user.id).toBe(viewerId);
    expectProblem(
      await api().call('POST', '/api/v1/incidents', { as: { token: forViewer.token }, body: { title: 'x' } }),
      403,
    );
    expectProblem(await createToken({ name: 'sneaky', userId: api().users.admin.userId }), 403);
    expect(await tokens(api(), '', 'responder')).toHaveLength(1);
  });

  it('rejects bad tokens naming the field, creating nothing', async () => {
    ok(await api().call('PATCH', `/api/v1/users/${api().users.viewer.userId}`, { body: { disabled: true } }));
    const before = await tokens(api(), '?all=true');
    for (const [body, field] of [
      [{ name: '  ' }, 'name'],
      [{}, 'name'],
      [{ name: 'old', expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
      [{ name: 'when', expiresAt: 'tomorrow' }, 'expiresAt'],
      [{ name: 'ghost', userId: 999 }, 'userId'],
      [{ name: 'disabled', userId: api().users.viewer.userId }, 'userId'],
    ] as const) {
      expectProblem(await createToken(body, 'admin'), 400, field);
    }
    expect(await tokens(api(), '?all=true')).toEqual(before);
  });

  it("does not let a non-admin revoke someone else's token", async () => {
    const adminToken = (await tokens(api())).find((t) => t.name === 'admin token');
    expectProblem(
      await api().call('DELETE', `/api/v1/tokens/${adminToken?.id ?? 0}`, { as: 'responder' }),
      404,
    );
    expectProblem(await api().call('DELETE', '/api/v1/tokens/999', { as: 'admin' }), 404);
    ok(await api().call('GET', '/api/v1/incidents', { as: 'admin' }));
    expect((await tokens(api())).every((t) => t.revokedAt === null)).toBe(true);
  });
});

describeEachDialect('audit API', (dialect) => {
  const api = useApiHarness(dialect);
  const audit = async (query = '') => ok<Page<AuditEntry>>(await api().call('GET', `/api/v1/audit${query}`));

  it('records administrative actions with their actor, newest first', async () => {
    const start = (await audit()).items.length;
    const dana = ok<User>(
      await api().call('POST', '/api/v1/users', {
        body: { email: 'dana@example.com', role: 'viewer', password: 'secret-pass-1' },
      }),
      201,
    );
    api().clock.advance(1000);
    ok(
      await api().call('PATCH', `/api/v1/users/${dana.id}`, {
        body: { role: 'responder', password: 'secret-pass-2' },
      }),
    );
    const token = ok<CreatedToken>(
      await api().call('POST', '/api/v1/tokens', { body: { name: 'ops' } }),
      201,
    );
    expect((await api().call('DELETE', `/api/v1/tokens/${token.id}`)).statusCode).toBe(204);
    ok(await api().call('PATCH', '/api/v1/settings', { body: { reopenWindowHours: 24 } }));
    expectProblem(
      await api().call('POST', '/api/v1/users', {
        body: { email: 'dana@example.com', role: 'viewer', password: 'secret-pass-3' },
      }),
      409,
      'email',
    );

    const { items } = await audit();
    expect(items).toHaveLength(start + 5);
    const admin = { id: api().users.admin.userId, name: 'Admin', email: 'admin@example.com' };
    expect(items.slice(0, 5).map((e) => [e.action, e.targetId])).toEqual([
      ['settings.update', null],
      ['token.revoke', String(token.id)],
      ['token.create', String(token.id)],
      ['user.update', String(dana.id)],
      ['user.create', String(dana.id)],
    ]);
    for (const entry of items.slice(0, 5)) expect(entry.actor).toEqual(admin);
    expect(items[0]?.data).toMatchObject({
      before: { reopenWindowHours: 168 },
      after: { reopenWindowHours: 24 },
    });
    expect(items[3]?.data).toMatchObject({ role: 'responder', passwordChanged: true });
    expect(JSON.stringify(items)).not.toMatch(/secret-pass|bcn_/);
    expect(items.at(-1)).toMatchObject({ action: 'user.create', actor: null });
  });

  it('pages with a cursor: every entry once, newest first', async () => {
    for (const name of ['a', 'b', 'c'])
      ok(await api().call('POST', '/api/v1/tokens', { body: { name } }), 201);
    const all = (await audit('?limit=200')).items.map((e) => e.id);
    expect(all.length).toBe(11);
    expect([...all].sort((a, b) => b - a)).toEqual(all);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<AuditEntry> = await audit(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor && seen.length < 20);
    expect(seen).toEqual(all);
    expectProblem(await api().call('GET', '/api/v1/audit?cursor=abc'), 400, 'cursor');
    expectProblem(await api().call('GET', '/api/v1/audit?limit=0'), 400, 'limit');
    expectProblem(await api().call('GET', '/api/v1/audit', { as: 'responder' }), 403);
  });
});
