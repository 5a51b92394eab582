import { expect, it } from 'vitest';
import { checkXml } from '../../../../test/support/status/xml-well-formed.js';
import { useStatusApp } from '../../../../test/support/status/status-app.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { loopbackRequest } from '../../../../test/support/server/http/loopback-client.js';
import { openStore } from '../../store/store.js';
import { STATUSPAGE_ENDPOINTS } from '../../../core/status/statuspage-json.js';

describeEachDialect('status page routes', (dialect) => {
  const env = useStatusApp(dialect);
  const get = (path: string, headers: Record<string, string> = {}) =>
    loopbackRequest(env().baseUrl, 'GET', path, { headers });

  it('serves the pages, the eight JSON endpoints with CORS and ETags, the feeds, and its own 404s', async () => {
    const home = await get('/status');
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.body).toContain('<h1 id="overall">Minor Service Outage</h1>');
    expect(home.headers['cache-control']).toBe('public, max-age=30');
    // The page's one stylesheet is allowed by hash; no script may run at all.
    const csp = String(home.headers['content-security-policy']);
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("img-src 'self' data: https://cdn.example.com");
    // A second request with the ETag: 304, no body.
    const again = await get('/status', { 'if-none-match': String(home.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');

    for (const endpoint of STATUSPAGE_ENDPOINTS) {
      const reply = await get(`/status/api/v2/${endpoint}`);
      expect(reply.status, endpoint).toBe(200);
      expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(reply.headers['access-control-allow-origin']).toBe('*');
      expect(reply.json<{ page: { id: string } }>().page.id).toBe('page-1');
    }
    const summary = await get('/status/api/v2/summary.json');
    expect(summary.json<{ status: unknown }>().status).toEqual({
      indicator: 'minor',
      description: 'Minor Service Outage',
    });
    const preflight = await loopbackRequest(env().baseUrl, 'OPTIONS', '/status/api/v2/summary.json', {
      headers: { origin: 'https://widgets.example.org', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-methods']).toContain('GET');

    const atom = await get('/status/history.atom');
    expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(checkXml(atom.body).problems).toEqual([]);
    const rss = await get('/status/history.rss');
    expect(checkXml(rss.body).problems).toEqual([]);

    const incident = await get('/status/incidents/inc-open');
    expect(incident.status).toBe(200);
    expect(incident.body).toContain('<h1>Slow API responses</h1>');
    expect((await get('/status/history')).body).toContain('Email delays');
    // Unknown pages are the status page's 404, never the web UI's index.html.
    const missing = await get('/status/incidents/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('<h1>Not found</h1>');
    expect((await get('/status/elsewhere')).status).toBe(404);
    const missingJson = await get('/status/api/v2/pages.json');
    expect(missingJson.status).toBe(404);
    expect(missingJson.headers['content-type']).toContain('application/problem+json');
    // Every request above was served from the one snapshot loaded at the first.
    expect(env().fixture.loads).toBe(1);
  });

  it('a private page answers signed-in sessions only: others get 401 and a sign-in link', async () => {
    env().fixture.snapshot = { ...env().fixture.snapshot, isPrivate: true };
    env().fixture.version = 2;
    await env().cache.refresh();
    const page = await get('/status');
    expect(page.status).toBe(401);
    expect(page.body).toContain('href="/login?next=%2Fstatus"');
    expect(page.body).not.toContain('Acme Cloud');
    expect(page.headers['cache-control']).toBe('no-store');
    const json = await get('/status/api/v2/summary.json');
    expect(json.status).toBe(401);
    expect(json.headers['content-type']).toContain('application/problem+json');
    expect(json.body).not.toContain('Acme');
    expect((await get('/status/history.atom')).status).toBe(401);
    expect((await get('/status/incidents/inc-open')).status).toBe(401);
    expect((await get('/status', { cookie: 'beacon_session=forged' })).status).toBe(401);

    const cookie = await env().signIn();
    const signedIn = await get('/status', { cookie });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toContain('Acme Cloud');
    expect(signedIn.headers['cache-control']).toBe('private, no-cache');
    expect((await get('/status/api/v2/summary.json', { cookie })).status).toBe(200);
    expect((await get('/status/history.rss', { cookie })).status).toBe(200);
  });

  it('reloads on a new version or after 30 s, never per request', async () => {
    const { fixture, cache, clock } = env();
    expect((await get('/status/api/v2/status.json')).json<{ page: { name: string } }>().page.name).toBe(
      'Acme Cloud',
    );
    fixture.snapshot = { ...fixture.snapshot, page: { ...fixture.snapshot.page, name: 'Acme Renamed' } };
    // Same version, young snapshot: the look keeps what it has.
    await cache.refresh();
    expect((await get('/status/api/v2/status.json')).body).toContain('Acme Cloud');
    fixture.version = 2;
    await cache.refresh();
    const renamed = await get('/status/api/v2/status.json');
    expect(renamed.body).toContain('Acme Renamed');
    expect(renamed.headers.etag).toMatch(/^"2-/);
    // Time alone: after 30 s a look reloads even at the same version.
    fixture.snapshot = { ...fixture.snapshot, page: { ...fixture.snapshot.page, name: 'Acme Later' } };
    clock.advance(29_000);
    await cache.refresh();
    expect((await get('/status')).body).not.toContain('Acme Later');
    clock.advance(1_000);
    await cache.refresh();
    expect((await get('/status')).body).toContain('Acme Later');
    expect(fixture.loads).toBe(3);
  });
});

describeEachDialect('status page with its database down', (dialect) => {
  // The loader reads a real database through its own connection, which the test closes.
  let loaderStore: ReturnType<typeof openStore> | undefined;
  const env = useStatusApp(dialect, (fixture, db) => {
    loaderStore = openStore(db.databaseUrl, db.schema ? { schema: db.schema } : {});
    const store = loaderStore;
    const userCount = async () => {
      const row = await store.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<string | number>().as('count'))
        .executeTakeFirstOrThrow();
      return Number(row.count);
    };
    return {
      version: async () => fixture.version + (await userCount()),
      load: async () => {
        const users = await userCount();
        fixture.loads += 1;
        return { ...fixture.snapshot, page: { ...fixture.snapshot.page, name: `Acme with ${users} users` } };
      },
    };
  });

  it('keeps answering from the last snapshot when its database is gone', async () => {
    const first = await loopbackRequest(env().baseUrl, 'GET', '/status');
    expect(first.body).toContain('Acme with 0 users');
    await env().signIn(); // a new user: the version moves
    await env().cache.refresh();
    expect((await loopbackRequest(env().baseUrl, 'GET', '/status')).body).toContain('Acme with 1 users');

    await loaderStore?.close();
    env().fixture.version = 5;
    env().clock.advance(60_000);
    await env().cache.refresh();
    expect(env().errors).toHaveLength(1);
    const during = await loopbackRequest(env().baseUrl, 'GET', '/status/api/v2/summary.json');
    expect(during.status).toBe(200);
    expect(during.json<{ page: { name: string } }>().page.name).toBe('Acme with 1 users');
    expect((await loopbackRequest(env().baseUrl, 'GET', '/status')).status).toBe(200);
  });
});
