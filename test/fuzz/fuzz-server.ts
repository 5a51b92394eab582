import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { INTEGRATION_TYPES, type IntegrationType } from '../../src/core/schemas/alerting.js';
import { type ApiHarness, TEST_PASSWORD, createApiHarness } from '../support/server/api-harness.js';
import type { DialectName } from '../support/server/test-database.js';
import type { OpenApiDocument } from './api-requests.js';
import { DatabaseSnapshots, type Snapshot } from './database-snapshot.js';
import type { FuzzRequest } from './fuzz-request.js';
import { jsonText } from './json-text.js';
import { RawHttpClient, type RawReply } from './raw-http.js';

/** Operations after which the caller's browser session is gone. */
const SESSION_ENDERS = new Set(['DELETE /api/v1/session', 'POST /api/v1/me/password']);

/** Resources the fuzz requests must not take away from the suite itself (its own users, tokens and keys). */
export interface ProtectedIds {
  users: Set<number>;
  tokens: Set<number>;
  services: Set<number>;
  integrations: Set<number>;
}

/** A real Beacon listening on loopback, with a user per role, a browser session and a key per source. */
export class FuzzServer {
  private constructor(
    readonly dialect: DialectName,
    private readonly harness: ApiHarness,
    private readonly client: RawHttpClient,
    private session: { cookie: string; csrfToken: string },
    /** An integration key of each type, on its own service. */
    readonly keys: Record<IntegrationType, string>,
    readonly protectedIds: ProtectedIds,
    private readonly snapshots: DatabaseSnapshots,
  ) {}

  /** Start a server on a fresh database of `dialect`. */
  static async start(dialect: DialectName): Promise<FuzzServer> {
    const harness = await createApiHarness(dialect);
    await harness.app.listen({ host: '127.0.0.1', port: 0 });
    const client = new RawHttpClient((harness.app.server.address() as AddressInfo).port);
    const session = await signIn(client, 'responder@example.com');
    const protectedIds: ProtectedIds = {
      users: new Set(Object.values(harness.users).map((u) => u.userId)),
      tokens: new Set(),
      services: new Set(),
      integrations: new Set(),
    };
    const tokens = await harness.call('GET', '/api/v1/tokens?all=true');
    for (const token of tokens.json<{ items: { id: number }[] }>().items) protectedIds.tokens.add(token.id);
    const keys = {} as Record<IntegrationType, string>;
    for (const type of INTEGRATION_TYPES) {
      const service = (
        await harness.call('POST', '/api/v1/services', { body: { name: `fuzz ${type}` } })
      ).json<{
        id: number;
      }>();
      const integration = (
        await harness.call('POST', `/api/v1/services/${service.id}/integrations`, {
          body: { type, name: type },
        })
      ).json<{ id: number; key: string }>();
      protectedIds.services.add(service.id);
      protectedIds.integrations.add(integration.id);
      keys[type] = integration.key;
    }
    for (const title of ['Checkout is failing', 'Search is slow', 'Mail is delayed']) {
      await harness.call('POST', '/api/v1/incidents', { body: { title } });
    }
    await harness.call('POST', '/api/v1/teams', { body: { name: 'Payments' } });
    const snapshots = await DatabaseSnapshots.of(
      harness.db.ctx.store.db as Kysely<unknown>,
      dialect,
      harness.db.schema,
    );
    return new FuzzServer(dialect, harness, client, session, keys, protectedIds, snapshots);
  }

  /** The OpenAPI document the server serves. */
  async openApiDocument(): Promise<OpenApiDocument> {
    const reply = await this.client.send({ method: 'GET', path: '/api/v1/openapi.json', headers: {} });
    return JSON.parse(reply.body) as OpenApiDocument;
  }

  /** Send a generated request over HTTP, with the credentials of its caller. */
  async send(request: FuzzRequest): Promise<RawReply> {
    const reply = await this.sendAsIs(request);
    // Signing out (or a password change) ends the suite's browser session: open a new one.
    if (request.caller.startsWith('session') && SESSION_ENDERS.has(request.target) && reply.status < 300)
      this.session = await signIn(this.client, 'responder@example.com');
    return reply;
  }

  private sendAsIs(request: FuzzRequest): Promise<RawReply> {
    const headers: Record<string, string> = { ...this.credentialsOf(request), ...request.headers };
    const body =
      request.body.kind === 'none'
        ? undefined
        : request.body.kind === 'raw'
          ? request.body.bytes
          : Buffer.from(jsonText(request.body.value), 'utf8');
    if (
      body &&
      !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type') &&
      request.body.kind === 'json'
    )
      headers['content-type'] = 'application/json';
    return this.client.send({
      method: request.method,
      path: request.path,
      headers,
      ...(body ? { body } : {}),
    });
  }

  private credentialsOf(request: FuzzRequest): Record<string, string> {
    switch (request.caller) {
      case 'admin':
      case 'responder':
      case 'support':
      case 'viewer':
        return { authorization: `Bearer ${this.harness.tokens[request.caller]}` };
      case 'anonymous':
      case 'integration':
        return {};
      case 'unknown-token':
        return { authorization: 'Bearer bcn_0000000000000000000000000000000000000000' };
      case 'malformed-authorization':
        return { authorization: 'Bearer' };
      case 'session':
        return { cookie: this.session.cookie, 'x-csrf-token': this.session.csrfToken };
      case 'session-without-csrf':
        return { cookie: this.session.cookie };
    }
  }

  /** Hash every table, to compare before and after a refused request. */
  snapshot(): Promise<Snapshot> {
    return this.snapshots.take();
  }

  /** Stop the server and drop its database. */
  async close(): Promise<void> {
    await this.harness.db.drop();
  }
}

async function signIn(client: RawHttpClient, email: string): Promise<{ cookie: string; csrfToken: string }> {
  const reply = await client.send({
    method: 'POST',
    path: '/api/v1/session',
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify({ email, password: TEST_PASSWORD })),
  });
  const setCookie = reply.headers['set-cookie']?.[0];
  if (reply.status !== 200 || !setCookie) throw new Error(`sign-in failed: ${reply.status} ${reply.body}`);
  const cookie = setCookie.split(';')[0] ?? '';
  return { cookie, csrfToken: JSON.parse(reply.body).csrfToken as string };
}
