import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Session } from '../../../core/schemas/access.js';
import type { SignInOptions } from '../../../core/schemas/two-factor.js';
import { freePort } from '../../../../test/support/server-process.js';
import {
  type TestDatabase,
  createTestDatabase,
  describeEachDialect,
} from '../../../../test/support/server/test-database.js';
import { ManualClock } from '../../../core/clock.js';
import { loadConfig } from '../../config.js';
import { ChangeFeed } from '../../engine/change-feed.js';
import { ingestQueueFor } from '../../ingest/ingest-queue.js';
import { buildServerApp } from '../../server-app.js';
import type { ZodApp } from '../zod-app.js';
import { createUser } from '../../commands/users.js';

/** People the test identity provider knows, by account id. */
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  ana: { email: 'Ana@Example.com', email_verified: true, name: 'Ana Lima', groups: ['staff', 'oncall'] },
  ben: { email: 'ben@example.com', email_verified: false, name: 'Ben' },
  root: { email: 'root@example.com', email_verified: true, name: 'Root', groups: ['beacon-admins'] },
};

/** Cookies one client holds for one server (paths ignored: each test server serves one client). */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  has(name: string): boolean {
    return this.cookies.has(name);
  }
}

/** A request that does not follow redirects, with the jar's cookies. */
async function send(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, {
    ...init,
    redirect: 'manual',
    headers: { ...(init.headers as Record<string, string> | undefined), cookie: jar.header() },
  });
  jar.take(response);
  return response;
}

function locationOf(response: Response, base: string): string {
  const location = response.headers.get('location');
  if (!location)
    throw new Error(`expected a redirect from ${base}, got ${response.status}: ${response.statusText}`);
  return new URL(location, base).href;
}

describeEachDialect('single sign-on with OIDC', (dialect) => {
  let issuer = '';
  let providerServer: http.Server;
  let beacon: ZodApp;
  let beaconUrl = '';
  let db: TestDatabase;
  let feed: ChangeFeed;

  beforeEach(async () => {
    providerServer = http.createServer();
    await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
    beaconUrl = `http://127.0.0.1:${await freePort()}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'beacon',
          client_secret: 'beacon-client-secret',
          redirect_uris: [`${beaconUrl}/auth/oidc/callback`],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
      scopes: ['openid', 'email', 'profile', 'groups'],
      findAccount: (_ctx, id) =>
        ACCOUNTS[id] ? { accountId: id, claims: () => ({ sub: id, ...ACCOUNTS[id] }) } : undefined,
      cookies: { keys: ['test-cookie-key'] },
    });
    providerServer.on('request', provider.callback());
    db = await createTestDatabase(dialect, new ManualClock(Date.now()));
    await createUser(db.ctx, null, {
      email: 'admin@example.com',
      role: 'admin',
      password: 'correct-horse-battery',
    });
    const config = loadConfig({
      BEACON_DATA_DIR: '/tmp/beacon-unused',
      LOG_LEVEL: 'silent',
      BEACON_BASE_URL: beaconUrl,
      BEACON_OIDC_ISSUER: issuer,
      BEACON_OIDC_CLIENT_ID: 'beacon',
      BEACON_OIDC_CLIENT_SECRET: 'beacon-client-secret',
      BEACON_OIDC_NAME: 'Test IdP',
      BEACON_OIDC_SCOPES: 'openid email profile groups',
      BEACON_OIDC_DEFAULT_ROLE: 'viewer',
      BEACON_OIDC_ROLE_CLAIM: 'groups',
      BEACON_OIDC_ROLE_MAP: 'beacon-admins=admin,oncall=responder',
      BEACON_OIDC_SSO_ONLY: 'true',
    });
    feed = new ChangeFeed(db.ctx.store.db);
    beacon = await buildServerApp(db.ctx, config, { feed, ingest: ingestQueueFor(db.ctx) }, false);
    await beacon.listen({ host: '127.0.0.1', port: Number(new URL(beaconUrl).port) });
  });

  afterEach(async () => {
    await beacon.close();
    await feed.stop();
    await new Promise((resolve) => providerServer.close(resolve));
    await db.drop();
  });

  /** Start at Beacon and go through the provider's sign-in and consent; returns Beacon's callback URL. */
  const throughProvider = async (account: string, beaconJar: CookieJar): Promise<string> => {
    const start = await send(beaconJar, `${beaconUrl}/auth/oidc/login?next=/incidents`);
    expect(start.status).toBe(302);
    const idp = new CookieJar();
    let url = locationOf(start, beaconUrl);
    expect(url.startsWith(`${issuer}/auth?`)).toBe(true);
    expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256');
    for (let hop = 0; hop < 10; hop += 1) {
      if (url.startsWith(beaconUrl)) return url;
      const isInteraction = /\/interaction\/[^/?]+$/.test(new URL(url).pathname);
      let response: Response;
      if (isInteraction) {
        // Submit the provider's own form: the login prompt, then the consent prompt.
        const page = await (await send(idp, url)).text();
        const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
        response = await send(idp, url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(
            prompt === 'login' ? { prompt, login: account } : { prompt: 'consent' },
          ).toString(),
        });
      } else {
        response = await send(idp, url);
      }
      url = locationOf(response, url);
    }
    throw new Error('the provider never sent the browser back');
  };
  const finish = (jar: CookieJar, callbackUrl: string) => send(jar, callbackUrl);

  it('creates the user at first sign-in (verified email, mapped role) and matches them the next time', async () => {
    const options = (await (await fetch(`${beaconUrl}/api/v1/session/options`)).json()) as SignInOptions;
    expect(options).toEqual({
      sso: { name: 'Test IdP', loginUrl: '/auth/oidc/login' },
      passwordSignIn: 'admins',
    });

    const jar = new CookieJar();
    const done = await finish(jar, await throughProvider('ana', jar));
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/incidents');
    expect(jar.has('beacon_session')).toBe(true);
    const session = (await (await send(jar, `${beaconUrl}/api/v1/session`)).json()) as Session;
    expect(session.user).toMatchObject({ email: 'ana@example.com', name: 'Ana Lima', role: 'responder' });

    const again = new CookieJar();
    expect((await finish(again, await throughProvider('ana', again))).status).toBe(302);
    const second = (await (await send(again, `${beaconUrl}/api/v1/session`)).json()) as Session;
    expect(second.user.id).toBe(session.user.id);
    const users = await db.ctx.store.db.selectFrom('users').select('email').execute();
    expect(users.map((u) => u.email).sort()).toEqual(['admin@example.com', 'ana@example.com']);
  });

  it('refuses an unverified email, creating nobody', async () => {
    const jar = new CookieJar();
    const done = await finish(jar, await throughProvider('ben', jar));
    expect(done.headers.get('location')).toMatch(/^\/login\?error=.*verified/);
    expect(jar.has('beacon_session')).toBe(false);
    expect(
      await db.ctx.store.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'ben@example.com')
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('refuses a callback whose state is wrong or comes to another browser', async () => {
    const jar = new CookieJar();
    const callback = new URL(await throughProvider('ana', jar));
    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged-state');
    const refusedForged = await finish(jar, forged.href);
    expect(refusedForged.headers.get('location')).toMatch(/^\/login\?error=/);
    expect(jar.has('beacon_session')).toBe(false);

    const otherBrowser = new CookieJar();
    const refusedOther = await finish(otherBrowser, callback.href);
    expect(refusedOther.headers.get('location')).toMatch(/^\/login\?error=/);
    expect(otherBrowser.has('beacon_session')).toBe(false);
  });

  it('refuses an ID token whose nonce is not the one the login sent', async () => {
    const jar = new CookieJar();
    const callback = await throughProvider('ana', jar);
    await db.ctx.store.db.updateTable('oidc_logins').set({ nonce: 'some-other-nonce' }).execute();
    const done = await finish(jar, callback);
    expect(done.headers.get('location')).toMatch(/^\/login\?error=.*unexpected%20JWT%20claim/);
    expect(jar.has('beacon_session')).toBe(false);
  });

  it('with single sign-on only, refuses passwords except to admins (break-glass)', async () => {
    const jar = new CookieJar();
    await finish(jar, await throughProvider('ana', jar));
    const signIn = (email: string, password: string) =>
      fetch(`${beaconUrl}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
    expect((await signIn('admin@example.com', 'correct-horse-battery')).status).toBe(200);
    const ana = await db.ctx.store.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'ana@example.com')
      .executeTakeFirstOrThrow();
    const { hashPassword } = await import('../../commands/secrets.js');
    await db.ctx.store.db
      .updateTable('users')
      .set({ password_hash: await hashPassword('violet-kettle-sunrise') })
      .where('id', '=', ana.id)
      .execute();
    const refused = await signIn('ana@example.com', 'violet-kettle-sunrise');
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('single sign-on');
  });
});
