import type { IncomingHttpHeaders } from 'node:http';
import { expect, it } from 'vitest';
import { STATUSPAGE_ENDPOINTS } from '../../../core/status/statuspage-json.js';
import { StatusComponentBody } from '../../../core/schemas/status-page.js';
import { loopbackRequest } from '../../../../test/support/server/http/loopback-client.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { useStatusApp } from '../../../../test/support/status/status-app.js';
import { openCountingStore } from '../../../../test/support/server/counting-store.js';
import { createTestDatabase } from '../../../../test/support/server/test-database.js';
import { listenOnLoopback } from '../../../../test/support/server/http/loopback-client.js';
import { ManualClock } from '../../../core/clock.js';
import { loadStatusSnapshot, statusPageVersion } from '../../commands/status/load-snapshot.js';
import { createStatusComponent } from '../../commands/status/components.js';
import { createUser } from '../../commands/users.js';
import { loadConfig } from '../../config.js';
import { ChangeFeed } from '../../engine/change-feed.js';
import { ingestQueueFor } from '../../ingest/ingest-queue.js';
import { buildServerApp } from '../../server-app.js';
import { StatusSnapshotCache } from './snapshot-cache.js';

/** Every file the fast path answers for the fixture page. */
const PATHS = [
  '/status',
  '/status/history',
  '/status/incidents/inc-open',
  '/status/incidents/inc-old',
  '/status/maintenances/mnt-done',
  '/status/maintenances/mnt-next',
  '/status/history.atom',
  '/status/history.rss',
  ...STATUSPAGE_ENDPOINTS.map((endpoint) => `/status/api/v2/${endpoint}`),
];

/** Headers of a reply without those about the connection, which differ between any two replies. */
function comparable(headers: IncomingHttpHeaders): Record<string, string> {
  const skip = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!skip.has(name.toLowerCase())) kept[name.toLowerCase()] = String(value);
  }
  return kept;
}

describeEachDialect('status page fast path', (dialect) => {
  const env = useStatusApp(dialect);

  it('answers every file with the status, headers and bytes the status routes send', async () => {
    const { baseUrl, fastPath } = env();
    // The first request loads the page (through the routes); every later one is the fast path's.
    const etags = new Map<string, string>();
    for (const path of PATHS) {
      const first = await loopbackRequest(baseUrl, 'GET', `${path}?utm_source=test`);
      expect(first.status, path).toBe(200);
      etags.set(path, String(first.headers.etag));
    }
    const requests = PATHS.flatMap(
      (path): { path: string; method: string; headers: Record<string, string> }[] => {
        const etag = etags.get(path) ?? '';
        return [
          { path, method: 'GET', headers: {} },
          { path, method: 'HEAD', headers: {} },
          { path, method: 'GET', headers: { 'if-none-match': `W/"other", ${etag}` } },
          { path, method: 'HEAD', headers: { 'if-none-match': etag } },
          { path, method: 'GET', headers: { 'if-none-match': '"stale"' } },
        ];
      },
    );
    const ask = () =>
      Promise.all(requests.map((r) => loopbackRequest(baseUrl, r.method, r.path, { headers: r.headers })));
    const before = fastPath.served;
    const fast = await ask();
    expect(fastPath.served - before).toBe(requests.length);
    // Closed, the fast path hands every request to Fastify's routing: the replies it replaced.
    fastPath.close();
    const routed = await ask();
    expect(fastPath.served - before).toBe(requests.length);
    requests.forEach((r, i) => {
      const what = `${r.method} ${r.path} ${JSON.stringify(r.headers)}`;
      expect(fast[i]?.status, what).toBe(routed[i]?.status);
      expect(comparable(fast[i]?.headers ?? {}), what).toEqual(comparable(routed[i]?.headers ?? {}));
      expect(fast[i]?.body, what).toBe(routed[i]?.body);
    });
    expect(new Set(fast.map((reply) => reply.status))).toEqual(new Set([200, 304]));
    // HEAD gives the length of the body it leaves out.
    const home = fast[0];
    const head = fast[1];
    expect(head?.body).toBe('');
    expect(head?.headers['content-length']).toBe(String(Buffer.byteLength(home?.body ?? '')));
  });

  it('leaves 404s, other methods, private pages and a page not loaded yet to the routes', async () => {
    const { baseUrl, fastPath, fixture, cache } = env();
    // Not loaded yet: the routes load it.
    expect((await loopbackRequest(baseUrl, 'GET', '/status/api/v2/status.json')).status).toBe(200);
    expect(fastPath.served).toBe(0);
    for (const path of ['/status/incidents/nope', '/status/elsewhere', '/status/api/v2/pages.json']) {
      expect((await loopbackRequest(baseUrl, 'GET', path)).status, path).toBe(404);
    }
    const preflight = await loopbackRequest(baseUrl, 'OPTIONS', '/status/api/v2/summary.json', {
      headers: { origin: 'https://widgets.example.org', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect((await loopbackRequest(baseUrl, 'POST', '/status', { body: {} })).status).toBe(404);
    // A trailing slash and an encoded id are the router's to read.
    expect((await loopbackRequest(baseUrl, 'GET', '/status/')).status).toBe(200);
    expect((await loopbackRequest(baseUrl, 'GET', '/status/incidents/inc%2Dopen')).status).toBe(200);
    expect(fastPath.served).toBe(0);

    fixture.snapshot = { ...fixture.snapshot, isPrivate: true };
    fixture.version = 2;
    await cache.refresh();
    expect((await loopbackRequest(baseUrl, 'GET', '/status/api/v2/summary.json')).status).toBe(401);
    const cookie = await env().signIn();
    const signedIn = await loopbackRequest(baseUrl, 'GET', '/status', { headers: { cookie } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers['cache-control']).toBe('private, no-cache');
    expect(fastPath.served).toBe(0);

    // Public again: the fast path answers from the new snapshot, with its ETag.
    fixture.snapshot = { ...fixture.snapshot, isPrivate: false };
    fixture.version = 3;
    await cache.refresh();
    const again = await loopbackRequest(baseUrl, 'GET', '/status/api/v2/summary.json');
    expect(again.status).toBe(200);
    expect(again.headers.etag).toMatch(/^"3-/);
    expect(fastPath.served).toBe(1);
  });
});

describeEachDialect('status page from its database', (dialect) => {
  it('answers the loaded page with no query per request, and one query per look', async () => {
    const db = await createTestDatabase(dialect, new ManualClock(Date.parse('2026-03-01T12:00:00Z')));
    const counting = openCountingStore(db.databaseUrl, db.schema ? { schema: db.schema } : {});
    const ctx = { ...db.ctx, store: counting.store };
    const config = loadConfig({ BEACON_DATA_DIR: '/tmp/beacon-unused', LOG_LEVEL: 'silent' });
    const admin = await createUser(ctx, null, {
      email: 'admin@example.com',
      name: 'Admin',
      role: 'admin',
      password: 'correct-horse-battery',
    });
    const caller = { userId: admin.id, name: admin.name, email: admin.email, role: admin.role };
    await createStatusComponent(ctx, caller, StatusComponentBody.parse({ name: 'API' }));
    const cache = new StatusSnapshotCache(
      {
        load: () => loadStatusSnapshot(ctx, { baseUrl: config.baseUrl }),
        version: () => statusPageVersion(ctx),
      },
      { clock: ctx.clock, pollMs: 3_600_000 },
    );
    const feed = new ChangeFeed(ctx.store.db);
    const app = await buildServerApp(
      ctx,
      config,
      { feed, ingest: ingestQueueFor(ctx), statusCache: cache },
      false,
    );
    try {
      const baseUrl = await listenOnLoopback(app);
      const first = await loopbackRequest(baseUrl, 'GET', '/status');
      expect(first.body).toContain('<span>API</span>');
      const loaded = counting.queries();
      expect(loaded).toBeGreaterThan(0);
      const paths = [
        '/status',
        '/status/history',
        '/status/history.rss',
        ...STATUSPAGE_ENDPOINTS.map((e) => `/status/api/v2/${e}`),
      ];
      for (let round = 0; round < 20; round++) {
        const replies = await Promise.all(
          paths.map((path) => loopbackRequest(baseUrl, round % 2 ? 'HEAD' : 'GET', path)),
        );
        expect(replies.map((reply) => reply.status)).toEqual(paths.map(() => 200));
      }
      expect(counting.queries()).toBe(loaded);
      // A look at an unchanged page reads the version: one query.
      await cache.refresh();
      expect(counting.queries()).toBe(loaded + 1);
    } finally {
      await app.close();
      await feed.stop();
      await counting.store.close();
      await db.drop();
    }
  });
});
