import { afterEach, beforeEach } from 'vitest';
import { ManualClock } from '../../../src/core/clock.js';
import type { StatusPageSnapshot } from '../../../src/core/status/snapshot.js';
import { createUser } from '../../../src/server/commands/users.js';
import { loadConfig } from '../../../src/server/config.js';
import { ChangeFeed } from '../../../src/server/engine/change-feed.js';
import {
  type StatusSnapshotSource,
  StatusSnapshotCache,
} from '../../../src/server/http/status-public/snapshot-cache.js';
import type { StatusFastPath } from '../../../src/server/http/status-public/status-fast-path.js';
import type { ZodApp } from '../../../src/server/http/zod-app.js';
import { ingestQueueFor } from '../../../src/server/ingest/ingest-queue.js';
import { buildServerApp } from '../../../src/server/server-app.js';
import { cookieFrom, listenOnLoopback, loopbackRequest } from '../server/http/loopback-client.js';
import { type DialectName, type TestDatabase, createTestDatabase } from '../server/test-database.js';
import { statusFixture } from './status-fixture.js';

/** A Beacon on loopback whose status page comes from a fixture the test changes. */
export interface StatusApp {
  app: ZodApp;
  db: TestDatabase;
  clock: ManualClock;
  baseUrl: string;
  cache: StatusSnapshotCache;
  /** The fast path ahead of Fastify's routing (its `served` counts what it answered). */
  fastPath: StatusFastPath;
  /** The fixture the next load returns, and the version the source reports. */
  fixture: { snapshot: StatusPageSnapshot; version: number; loads: number };
  /** Errors the cache reported (failed loads). */
  errors: unknown[];
  /** A session cookie (`beacon_session=…`) of a signed-in viewer. */
  signIn(): Promise<string>;
}

/** Start the app on a fresh database with the fixture page; `source` replaces the fixture loader. */
export async function createStatusApp(
  dialect: DialectName,
  source?: (fixture: StatusApp['fixture'], db: TestDatabase) => StatusSnapshotSource,
): Promise<StatusApp> {
  const clock = new ManualClock(Date.parse('2026-03-01T12:00:00Z'));
  const config = loadConfig({ BEACON_DATA_DIR: '/tmp/beacon-unused', LOG_LEVEL: 'silent' });
  const db = await createTestDatabase(dialect, clock);
  const fixture = { snapshot: statusFixture(), version: 1, loads: 0 };
  const errors: unknown[] = [];
  const fixtureSource: StatusSnapshotSource = {
    load: () => {
      fixture.loads += 1;
      return Promise.resolve(fixture.snapshot);
    },
    version: () => Promise.resolve(fixture.version),
  };
  const cache = new StatusSnapshotCache(source ? source(fixture, db) : fixtureSource, {
    clock,
    // Far apart: the test drives every look by calling refresh().
    pollMs: 3_600_000,
    onError: (error) => errors.push(error),
  });
  const feed = new ChangeFeed(db.ctx.store.db);
  let fastPath: StatusFastPath | undefined;
  const app = await buildServerApp(
    db.ctx,
    config,
    {
      feed,
      ingest: ingestQueueFor(db.ctx),
      statusCache: cache,
      onStatusFastPath: (made) => (fastPath = made),
    },
    false,
  );
  if (!fastPath) throw new Error('the server app made no status fast path');
  const baseUrl = await listenOnLoopback(app);
  const signIn = async (): Promise<string> => {
    await createUser(db.ctx, null, {
      email: 'reader@example.com',
      name: 'Reader',
      role: 'viewer',
      password: 'correct-horse-battery',
    });
    const reply = await loopbackRequest(baseUrl, 'POST', '/api/v1/session', {
      body: { email: 'reader@example.com', password: 'correct-horse-battery' },
    });
    const cookie = cookieFrom(reply, 'beacon_session');
    if (!cookie) throw new Error(`sign-in failed: ${reply.status} ${reply.body}`);
    return cookie;
  };
  const dropDatabase = db.drop.bind(db);
  db.drop = async () => {
    await app.close();
    await feed.stop();
    await dropDatabase();
  };
  return { app, db, clock, baseUrl, cache, fastPath, fixture, errors, signIn };
}

/** A fresh status app per test of the enclosing suite. */
export function useStatusApp(
  dialect: DialectName,
  source?: (fixture: StatusApp['fixture'], db: TestDatabase) => StatusSnapshotSource,
): () => StatusApp {
  let current: StatusApp | undefined;
  beforeEach(async () => {
    current = await createStatusApp(dialect, source);
  });
  afterEach(async () => {
    await current?.db.drop();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('status app used outside a test');
    return current;
  };
}
