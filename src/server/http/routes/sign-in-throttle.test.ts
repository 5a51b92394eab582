import { beforeEach, expect, it } from 'vitest';
import type { Session } from '../../../core/schemas/access.js';
import { TEST_PASSWORD, useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import {
  type LoopbackReply,
  listenOnLoopback,
  loopbackRequest,
} from '../../../../test/support/server/http/loopback-client.js';
import { loadConfig } from '../../config.js';
import { ChangeFeed } from '../../engine/change-feed.js';
import { ingestQueueFor } from '../../ingest/ingest-queue.js';
import { buildServerApp } from '../../server-app.js';

const WRONG = 'not-the-password';

describeEachDialect('sign-in throttling', (dialect) => {
  const api = useApiHarness(dialect);
  let baseUrl = '';
  beforeEach(async () => {
    baseUrl = await listenOnLoopback(api().app);
  });
  const signIn = (email: string, password: string, from: string) =>
    loopbackRequest(baseUrl, 'POST', '/api/v1/session', { body: { email, password }, from });
  const expectThrottled = (reply: LoopbackReply, seconds: number) => {
    expect(reply.status, reply.body).toBe(429);
    expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reply.headers['retry-after']).toBe(String(seconds));
    expect(reply.headers['set-cookie']).toBeUndefined();
  };
  /** Fail `times` times from `from`, waiting out every delay on the clock. */
  const failRepeatedly = async (email: string, from: string, times: number) => {
    for (let i = 0; i < times; i += 1) {
      let reply = await signIn(email, WRONG, from);
      if (reply.status === 429) {
        api().clock.advance(Number(reply.headers['retry-after']) * 1000);
        reply = await signIn(email, WRONG, from);
      }
      expect(reply.status, reply.body).toBe(401);
    }
  };

  it('answers 429 with Retry-After after five failures, with delays that double, until the password is right', async () => {
    await failRepeatedly('viewer@example.com', '127.0.0.2', 5);
    expectThrottled(await signIn('viewer@example.com', TEST_PASSWORD, '127.0.0.2'), 1);
    api().clock.advance(1000);
    expect((await signIn('viewer@example.com', WRONG, '127.0.0.2')).status).toBe(401);
    expectThrottled(await signIn('viewer@example.com', WRONG, '127.0.0.2'), 2);
    api().clock.advance(2000);
    expect((await signIn('viewer@example.com', WRONG, '127.0.0.2')).status).toBe(401);
    expectThrottled(await signIn('viewer@example.com', WRONG, '127.0.0.2'), 4);
    api().clock.advance(4000);
    expect((await signIn('viewer@example.com', TEST_PASSWORD, '127.0.0.2')).status).toBe(200);
    // Success forgets the pair's failures.
    expect((await signIn('viewer@example.com', WRONG, '127.0.0.2')).status).toBe(401);
    expect((await signIn('viewer@example.com', WRONG, '127.0.0.2')).status).toBe(401);
  });

  it('caps the delay at 15 minutes and forgets failures after a day', async () => {
    await failRepeatedly('viewer@example.com', '127.0.0.2', 20);
    expectThrottled(await signIn('viewer@example.com', TEST_PASSWORD, '127.0.0.2'), 900);
    api().clock.advance(24 * 3_600_000 + 1);
    expect((await signIn('viewer@example.com', WRONG, '127.0.0.2')).status).toBe(401);
    expect((await signIn('viewer@example.com', TEST_PASSWORD, '127.0.0.2')).status).toBe(200);
  });

  it('never locks the real user out: the right password from a clean address passes an attacked account', async () => {
    await failRepeatedly('responder@example.com', '127.0.0.2', 12);
    // A second address with a recent failure of its own is held back by the account limit.
    expect((await signIn('responder@example.com', WRONG, '127.0.0.3')).status).toBe(401);
    expectThrottled(await signIn('responder@example.com', TEST_PASSWORD, '127.0.0.3'), 8);
    // The attacker's address is held back by its pair limit.
    expect((await signIn('responder@example.com', TEST_PASSWORD, '127.0.0.2')).status).toBe(429);
    // The real user, elsewhere, signs in.
    const real = await signIn('responder@example.com', TEST_PASSWORD, '127.0.0.4');
    expect(real.status, real.body).toBe(200);
    expect(real.json<Session>().user.email).toBe('responder@example.com');
  });

  it('limits one address trying many accounts, unknown ones included, without telling which exist', async () => {
    for (let i = 0; i < 30; i += 1) {
      expect((await signIn(`nobody-${i}@example.com`, WRONG, '127.0.0.5')).status).toBe(401);
    }
    expectThrottled(await signIn('admin@example.com', TEST_PASSWORD, '127.0.0.5'), 1);
    expect((await signIn('admin@example.com', TEST_PASSWORD, '127.0.0.6')).status).toBe(200);
  });

  it('keeps the counts in the database: another process (or a restart) still refuses', async () => {
    await failRepeatedly('viewer@example.com', '127.0.0.2', 5);
    const config = loadConfig({ BEACON_DATA_DIR: '/tmp/beacon-unused', LOG_LEVEL: 'silent' });
    const ctx = api().db.ctx;
    const feed = new ChangeFeed(ctx.store.db);
    const other = await buildServerApp(ctx, config, { feed, ingest: ingestQueueFor(ctx) }, false);
    try {
      const otherUrl = await listenOnLoopback(other);
      const reply = await loopbackRequest(otherUrl, 'POST', '/api/v1/session', {
        body: { email: 'viewer@example.com', password: TEST_PASSWORD },
        from: '127.0.0.2',
      });
      expectThrottled(reply, 1);
    } finally {
      await other.close();
      await feed.stop();
    }
  });
});
