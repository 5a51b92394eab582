import type { InjectOptions } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OverloadedError } from '../../core/errors.js';
import type { AlertSubmission } from '../commands/alerts/ingest-alerts.js';
import type { EventOutcome } from '../commands/alerts/process-alert-events.js';
import { loadConfig } from '../config.js';
import { ChangeFeed } from '../engine/change-feed.js';
import type { ZodApp } from '../http/zod-app.js';
import { buildServerApp } from '../server-app.js';
import { useApiHarness } from '../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../test/support/server/test-database.js';
import { ok } from '../../../test/support/server/http/api-test-helpers.js';
import {
  expectNothingStored,
  expectOnlyCleanText,
  integrationFor,
  listAlerts,
  listIncidents,
  refuseAlertsOf,
} from '../../../test/support/server/ingest/inbound-test-helpers.js';
import {
  type BodyKind,
  INBOUND_SOURCES,
} from '../../../test/support/server/ingest/inbound-sources-test-helpers.js';
import { IngestQueue } from './ingest-queue.js';

/** A queue that is always full, as the real one is past its limit of waiting events. */
class FullQueue extends IngestQueue {
  override submit(_submission: AlertSubmission): Promise<EventOutcome[]> {
    return Promise.reject(new OverloadedError(7));
  }
}

/** A queue that holds requests until `size` have come, then queues them all at once: one batch. */
class GatheringQueue extends IngestQueue {
  private readonly held: {
    submission: AlertSubmission;
    answer: (outcomes: Promise<EventOutcome[]>) => void;
  }[] = [];
  constructor(
    ctx: ConstructorParameters<typeof IngestQueue>[0],
    private readonly size: number,
  ) {
    super(ctx);
  }

  override submit(submission: AlertSubmission): Promise<EventOutcome[]> {
    return new Promise((resolve) => {
      this.held.push({ submission, answer: resolve });
      if (this.held.length < this.size) return;
      for (const { submission: s, answer } of this.held.splice(0)) answer(super.submit(s));
    });
  }
}

/** A promise with its resolver. */
function signal(): { promise: Promise<void>; resolve(): void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

/** A queue whose writer stalls (as behind a locked database) until `resume()`; tells each arrival. */
class StalledQueue extends IngestQueue {
  private resumed = signal();
  private arrived = signal();

  /** Resolves at the next request the queue is given. */
  nextArrival(): Promise<void> {
    return this.arrived.promise;
  }

  resume(): void {
    this.resumed.resolve();
  }

  override submit(submission: AlertSubmission): Promise<EventOutcome[]> {
    const outcome = super.submit(submission);
    this.arrived.resolve();
    this.arrived = signal();
    return outcome;
  }

  protected override async writeBatch(batch: Parameters<IngestQueue['writeBatch']>[0]): Promise<void> {
    await this.resumed.promise;
    return super.writeBatch(batch);
  }
}

/** The request of `request` with malformed percent-encoding added to the end of its path. */
function withBadEncoding(request: InjectOptions): InjectOptions {
  const url = typeof request.url === 'string' ? request.url : '';
  return { ...request, url: url.replace(/(\?|$)/, '%E0%A4%A$1') };
}

// The same promises from every way alerts come in; format details are tested beside each source.
describeEachDialect('inbound contract', (dialect) => {
  const api = useApiHarness(dialect);

  /** A server app on the harness's database with its own ingest queue. */
  async function appWith(ingest: IngestQueue): Promise<{ app: ZodApp; close(): Promise<void> }> {
    const ctx = api().db.ctx;
    const feed = new ChangeFeed(ctx.store.db);
    const config = loadConfig({ BEACON_DATA_DIR: '/tmp/beacon-unused', LOG_LEVEL: 'silent' });
    const app = await buildServerApp(ctx, config, { feed, ingest }, false);
    await app.ready();
    return {
      app,
      close: async () => {
        await app.close();
        await feed.stop();
      },
    };
  }

  for (const source of INBOUND_SOURCES) {
    describe(source.name, () => {
      const send = (key: string, body: BodyKind = 'valid') => api().app.inject(source.request(key, body));

      it('answers only once the alert is stored, and opens one incident', async () => {
        const { key } = await integrationFor(api(), source.type);
        const res = await send(key);
        expect(res.statusCode, res.body).toBe(source.accepted);
        const alerts = await listAlerts(api());
        expect(alerts).toHaveLength(1);
        expect(alerts[0]).toMatchObject({ status: 'firing' });
        expect(await listIncidents(api())).toHaveLength(1);
      });

      it('treats a re-send as a no-op: same alert, same event count, same incident', async () => {
        const { key } = await integrationFor(api(), source.type);
        expect((await send(key)).statusCode).toBe(source.accepted);
        const before = await listAlerts(api());
        api().clock.advance(20_000);
        expect((await send(key)).statusCode).toBe(source.accepted);
        const after = await listAlerts(api());
        expect(after.map((a) => [a.id, a.eventCount])).toEqual(before.map((a) => [a.id, a.eventCount]));
        expect(await listIncidents(api())).toHaveLength(1);
      });

      it('refuses unknown keys (and keys of other integration types) in its own error shape', async () => {
        const other = await integrationFor(api(), source.type === 'email' ? 'opsgenie' : 'email', 'other');
        const keys = ['0123456789abcdef0123456789abcdef', ...(source.isAnyKeyType ? [] : [other.key])];
        for (const key of keys) source.expectError(await send(key), source.refusedKey);
        await expectNothingStored(api());
      });

      it('refuses a key from the moment it is disabled, though it was just used', async () => {
        const { key, integrationId } = await integrationFor(api(), source.type);
        expect((await send(key)).statusCode).toBe(source.accepted);
        const before = await listAlerts(api());
        ok(await api().call('PATCH', `/api/v1/integrations/${integrationId}`, { body: { disabled: true } }));
        api().clock.advance(1_000);
        source.expectError(await send(key), source.refusedKey);
        expect((await listAlerts(api())).map((a) => a.eventCount)).toEqual(before.map((a) => a.eventCount));
      });

      it('refuses a body it cannot read in its own error shape, storing nothing', async () => {
        const { key } = await integrationFor(api(), source.type);
        source.expectError(await send(key, 'invalid'), source.refusedBody);
        await expectNothingStored(api());
      });

      it('refuses a body over 512 KB with 413 in its own error shape, storing nothing', async () => {
        const { key } = await integrationFor(api(), source.type);
        source.expectError(await send(key, 'oversize'), 413);
        await expectNothingStored(api());
      });

      it(`refuses a body nested too deep with ${source.refusedDeep} in its own error shape, storing nothing`, async () => {
        const { key } = await integrationFor(api(), source.type);
        source.expectError(await send(key, 'deep'), source.refusedDeep);
        await expectNothingStored(api());
      });

      it('cleans control characters and lone surrogates out of every string before storing', async () => {
        const { key } = await integrationFor(api(), source.type);
        expect((await send(key, 'unclean')).statusCode).toBe(source.accepted);
        const stored = await expectOnlyCleanText(api());
        if (source.type !== 'email') expect(stored).toContain('\uFFFD');
        // Keys are taken from the cleaned text: the clean event is the same alert.
        const [alert] = await listAlerts(api());
        expect((await send(key)).statusCode).toBe(source.accepted);
        expect((await listAlerts(api())).map((a) => a.id)).toEqual([alert?.id]);
      });

      it('refuses a 10,000-character key in its own error shape', async () => {
        source.expectError(await send('k'.repeat(10_000)), source.refusedKey);
        await expectNothingStored(api());
      });

      it('answers malformed percent-encoding in the path in its own error shape', async () => {
        const { key } = await integrationFor(api(), source.type);
        source.expectError(await api().app.inject(withBadEncoding(source.request(key, 'valid'))), 400);
        await expectNothingStored(api());
      });

      it('fails alone when the database refuses its event; the other requests of its batch commit', async () => {
        const others = INBOUND_SOURCES.filter((other) => other !== source);
        const healthy = await Promise.all(
          others.map((other, i) => integrationFor(api(), other.type, `healthy-${i}`)),
        );
        const refused = await integrationFor(api(), source.type, 'refused');
        await refuseAlertsOf(api().db.ctx, dialect, refused.serviceId);
        const gathering = await appWith(new GatheringQueue(api().db.ctx, others.length + 1));
        try {
          const [own, ...theirs] = await Promise.all([
            gathering.app.inject(source.request(refused.key, 'valid')),
            ...others.map((other, i) => gathering.app.inject(other.request(healthy[i]?.key ?? '', 'valid'))),
          ]);
          source.expectError(own, 500);
          expect(theirs.map((res) => res.statusCode)).toEqual(others.map((other) => other.accepted));
          expect(await listAlerts(api())).toHaveLength(others.length);
        } finally {
          await gathering.close();
        }
      });

      it(`sheds with ${source.busy} + Retry-After in its own shape while the writer stalls, and recovers`, async () => {
        const { key } = await integrationFor(api(), source.type);
        const queue = new StalledQueue(api().db.ctx);
        const stalled = await appWith(queue);
        try {
          // The first request is taken by the stalled writer, the second waits behind it.
          let arrival = queue.nextArrival();
          const first = stalled.app.inject(source.request(key, 'valid'));
          await arrival;
          arrival = queue.nextArrival();
          const second = stalled.app.inject(source.request(key, 'valid'));
          await arrival;
          // Waiting 250 ms is normal; waiting over it for another 250 ms is overload.
          api().clock.advance(400);
          arrival = queue.nextArrival();
          const third = stalled.app.inject(source.request(key, 'valid'));
          await arrival;
          api().clock.advance(200);
          const refused = await stalled.app.inject(source.request(key, 'valid'));
          source.expectError(refused, source.busy);
          expect(refused.headers['retry-after']).toBe('1');
          queue.resume();
          const answered = await Promise.all([first, second, third]);
          expect(answered.map((res) => res.statusCode)).toEqual([1, 2, 3].map(() => source.accepted));
          expect((await stalled.app.inject(source.request(key, 'valid'))).statusCode).toBe(source.accepted);
        } finally {
          await stalled.close();
        }
      });

      describe('when the ingest queue is full', () => {
        let busy: ZodApp;
        let feed: ChangeFeed;
        beforeEach(async () => {
          const ctx = api().db.ctx;
          feed = new ChangeFeed(ctx.store.db);
          const config = loadConfig({ BEACON_DATA_DIR: '/tmp/beacon-unused', LOG_LEVEL: 'silent' });
          busy = await buildServerApp(ctx, config, { feed, ingest: new FullQueue(ctx) }, false);
          await busy.ready();
        });
        afterEach(async () => {
          await busy.close();
          await feed.stop();
        });

        it(`answers ${source.busy} with Retry-After in its own error shape`, async () => {
          const { key } = await integrationFor(api(), source.type);
          const res = await busy.inject(source.request(key, 'valid'));
          source.expectError(res, source.busy);
          expect(res.headers['retry-after']).toBe('7');
          await expectNothingStored(api());
        });
      });
    });
  }
});
