import { expect, it } from 'vitest';
import { createService } from '../commands/services.js';
import { describeEachDialect, useTestDatabase } from '../../../test/support/server/test-database.js';
import { alertEvent } from '../../../test/support/server/alert-events.js';
import { IngestQueue, ingestQueueFor } from './ingest-queue.js';

const trigger = (dedupKey: string) => alertEvent(dedupKey);

describeEachDialect('ingest queue', (dialect) => {
  const database = useTestDatabase(dialect);

  it('commits 600 concurrent requests over three services: each key once, every request answered', async () => {
    const { ctx } = database();
    const queue = ingestQueueFor(ctx);
    const services = await Promise.all(['a', 'b', 'c'].map((name) => createService(ctx, { name })));
    const expected = new Set<string>();
    const results = await Promise.all(
      Array.from({ length: 600 }, (_, i) => {
        const service = services[i % 3]!;
        const origin = { serviceId: service.id, integrationId: null, name: 'test' };
        // Every key is sent twice by different requests; some requests carry two events.
        const keys = [`k${i % 300}`, ...(i % 7 === 0 ? [`k${(i + 1) % 300}`] : [])];
        for (const key of keys) expected.add(`${service.id}:${key}`);
        return queue.submit({ origin, events: keys.map(trigger) });
      }),
    );
    await queue.drain();
    expect(results.flat().every((o) => ['created', 'unchanged', 'updated'].includes(o.result))).toBe(true);
    const rows = await ctx.store.db.selectFrom('alerts').select(['service_id', 'dedup_key']).execute();
    const distinct = new Set(rows.map((r) => `${r.service_id}:${r.dedup_key}`));
    expect(distinct.size).toBe(rows.length);
    expect(distinct).toEqual(expected);
    const incidents = await ctx.store.db.selectFrom('incidents').select('id').execute();
    expect(incidents.length).toBe(3);
    expect(queue.depth).toBe(0);
  });

  it('refuses new requests with 503 once the bound is reached, and takes them again after', async () => {
    const { ctx } = database();
    const queue = new IngestQueue(ctx, { maxPendingEvents: 10, maxBatchEvents: 5 });
    const service = await createService(ctx, { name: 'svc' });
    const origin = { serviceId: service.id, integrationId: null, name: 'test' };
    const accepted = Array.from({ length: 10 }, (_, i) =>
      queue.submit({ origin, events: [trigger(`a${i}`)] }),
    );
    await expect(queue.submit({ origin, events: [trigger('late')] })).rejects.toMatchObject({
      retryAfterSeconds: 1,
    });
    await Promise.all(accepted);
    await expect(queue.submit({ origin, events: [trigger('later')] })).resolves.toHaveLength(1);
  });
});
