import { expect, it } from 'vitest';
import { createService } from '../commands/services.js';
import { describeEachDialect, useTestDatabase } from '../../../test/support/server/test-database.js';
import { alertEvent } from '../../../test/support/server/alert-events.js';
import { refuseAlertsOf } from '../../../test/support/server/ingest/inbound-test-helpers.js';
import { IngestQueue, ingestQueueFor } from './ingest-queue.js';

// One alert name: every service's alerts share one incident.
const trigger = (dedupKey: string) => alertEvent(dedupKey, 'trigger', { labels: { alertname: 'Test' } });

describeEachDialect('ingest queue', (dialect) => {
  const database = useTestDatabase(dialect);

  it('fails only the request whose event the database refuses; the rest of its batch commits', async () => {
    const { ctx } = database();
    const queue = ingestQueueFor(ctx);
    const [healthy, refused] = await Promise.all(['a', 'b'].map((name) => createService(ctx, { name })));
    await refuseAlertsOf(ctx, dialect, refused!.id);
    const origin = (serviceId: number) => ({ serviceId, integrationId: null, name: 'test' });
    // Queued in one tick: one batch.
    const results = await Promise.allSettled([
      queue.submit({ origin: origin(healthy!.id), events: [trigger('a1')] }),
      queue.submit({ origin: origin(refused!.id), events: [trigger('b1')] }),
      queue.submit({ origin: origin(healthy!.id), events: [trigger('a2'), trigger('a3')] }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const rows = await ctx.store.db.selectFrom('alerts').select('dedup_key').orderBy('dedup_key').execute();
    expect(rows.map((r) => r.dedup_key)).toEqual(['a1', 'a2', 'a3']);
    expect(queue.depth).toBe(0);
  });

  it('cleans events before they join a batch and refuses those no database could take', async () => {
    const { ctx } = database();
    const queue = ingestQueueFor(ctx);
    const service = await createService(ctx, { name: 'svc' });
    const origin = { serviceId: service.id, integrationId: null, name: 'test' };
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100; i++) deep = [deep];
    await expect(
      queue.submit({ origin, events: [alertEvent('deep', 'trigger', { details: { deep } })] }),
    ).rejects.toMatchObject({ code: 'validation' });
    await expect(queue.submit({ origin, events: [trigger('k'.repeat(513))] })).rejects.toMatchObject({
      code: 'validation',
    });
    const dirty = alertEvent('nul\u0000key', 'trigger', {
      summary: 'Disk\u0000 full',
      labels: { 'team\u0001': 'db\ud800' },
      links: [
        { href: 'javascript:alert(1)', text: 'x' },
        { href: 'https://runbooks.example.com/disk', text: 'Runbook\u0007' },
      ],
      generatorUrl: 'data:text/html,<script>alert(1)</script>',
    });
    const [outcome] = await queue.submit({ origin, events: [dirty] });
    expect(outcome).toMatchObject({ dedupKey: 'nulkey', result: 'created' });
    const row = await ctx.store.db.selectFrom('alerts').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ dedup_key: 'nulkey', summary: 'Disk full', generator_url: null });
    expect(JSON.parse(row.labels)).toEqual({ team: 'db\uFFFD' });
    expect(JSON.parse(row.links)).toEqual([{ href: 'https://runbooks.example.com/disk', text: 'Runbook' }]);
  });

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
