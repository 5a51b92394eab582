import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach } from 'vitest';
import { ManualClock } from '../../../src/core/clock.js';
import { ROLES, type Role } from '../../../src/core/roles.js';
import type { Caller } from '../../../src/server/commands/context.js';
import { createToken } from '../../../src/server/commands/tokens.js';
import { createUser } from '../../../src/server/commands/users.js';
import { loadConfig } from '../../../src/server/config.js';
import { ChangeFeed } from '../../../src/server/engine/change-feed.js';
import { ingestQueueFor } from '../../../src/server/ingest/ingest-queue.js';
import type { ZodApp } from '../../../src/server/http/zod-app.js';
import { buildServerApp } from '../../../src/server/server-app.js';
import { TEST_OUTBOUND_ALLOW } from '../outbound-allow.js';
import { type DialectName, type TestDatabase, createTestDatabase } from './test-database.js';

/** Password every harness user has. */
export const TEST_PASSWORD = 'correct-horse-battery';

/** An in-process Beacon with one user and API token per role. */
export interface ApiHarness {
  app: ZodApp;
  db: TestDatabase;
  clock: ManualClock;
  tokens: Record<Role, string>;
  users: Record<Role, Caller>;
  /** Call the API as `as` (a role's token, a raw token, or nobody). */
  call(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    options?: { as?: Role | { token: string } | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
}

/**
 * Start an in-process app on a fresh database and sign up admin, responder and viewer;
 * `env` adds settings to the app's configuration (BEACON_OUTBOUND_ALLOW defaults to the
 * loopback addresses test receivers listen on).
 */
export async function createApiHarness(
  dialect: DialectName,
  env: Record<string, string> = {},
): Promise<ApiHarness> {
  const clock = new ManualClock(Date.parse('2026-03-01T12:00:00Z'));
  const config = loadConfig({
    BEACON_DATA_DIR: '/tmp/beacon-unused',
    LOG_LEVEL: 'silent',
    BEACON_OUTBOUND_ALLOW: TEST_OUTBOUND_ALLOW,
    ...env,
  });
  const db = await createTestDatabase(dialect, clock, config.outboundAllow);
  const feed = new ChangeFeed(db.ctx.store.db);
  const ingest = ingestQueueFor(db.ctx);
  // An import read waits out the loopback fakes' 429 at once instead of on a timer.
  const importWait = () => Promise.resolve();
  const app = await buildServerApp(db.ctx, config, { feed, ingest, importWait }, false);
  await app.ready();
  const users = {} as Record<Role, Caller>;
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES) {
    const user = await createUser(db.ctx, null, {
      email: `${role}@example.com`,
      name: `${role[0]?.toUpperCase()}${role.slice(1)}`,
      role,
      password: TEST_PASSWORD,
    });
    users[role] = { userId: user.id, name: user.name, email: user.email, role };
    tokens[role] = (await createToken(db.ctx, users[role], { name: `${role} token` })).token;
  }
  const call: ApiHarness['call'] = (method, url, options = {}) => {
    const as = options.as === undefined ? 'admin' : options.as;
    const token = as === null ? undefined : typeof as === 'string' ? tokens[as] : as.token;
    return app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...options.headers },
      ...(options.body !== undefined ? { payload: options.body as object } : {}),
    });
  };
  const dropDatabase = db.drop.bind(db);
  db.drop = async () => {
    await app.close();
    await feed.stop();
    await dropDatabase();
  };
  return { app, db, clock, tokens, users, call };
}

/** A fresh harness per test of the enclosing suite, its configuration with `env` added. */
export function useApiHarness(dialect: DialectName, env: Record<string, string> = {}): () => ApiHarness {
  let harness: ApiHarness | undefined;
  beforeEach(async () => {
    harness = await createApiHarness(dialect, env);
  });
  afterEach(async () => {
    await harness?.db.drop();
    harness = undefined;
  });
  return () => {
    if (!harness) throw new Error('harness used outside a test');
    return harness;
  };
}
