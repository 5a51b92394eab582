import { expect, it } from 'vitest';
import { type ApiHarness, useApiHarness } from '../../../../test/support/server/api-harness.js';
import { act, createService, declare, ok } from '../../../../test/support/server/http/api-test-helpers.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { computeFeaturesRows } from '../../store/queries/similarity-features.js';
import type { Executor } from '../../store/store.js';
import { LiveSimilarityIndex } from './live-index.js';

/** Every stored features row, and the rows recomputed from scratch from the incidents' data. */
async function storedAndRecomputed(db: Executor) {
  const stored = await db
    .selectFrom('incident_similarity_features')
    .selectAll()
    .orderBy('incident_id')
    .execute();
  const ids = (await db.selectFrom('incidents').select('id').orderBy('id').execute()).map((row) => row.id);
  const recomputed = await computeFeaturesRows(db, ids);
  return { stored, recomputed };
}

async function patch(api: ApiHarness, ref: string, body: Record<string, unknown>) {
  const { version } = ok<{ version: number }>(
    await api.call('GET', `/api/v1/incidents/${ref}`, { as: 'viewer' }),
  );
  ok(await api.call('PATCH', `/api/v1/incidents/${ref}`, { as: 'responder', body: { ...body, version } }));
}

describeEachDialect('stored similarity features', (dialect) => {
  const api = useApiHarness(dialect);

  it('stay equal to features recomputed from scratch through creates, edits, resolution and merges', async () => {
    const db = api().db.ctx.store.db;
    const payments = await createService(api(), 'payments-db');
    const search = await createService(api(), 'search');
    const disk = await declare(api(), { title: 'Payments database disk full', serviceIds: [payments.id] });
    const queue = await declare(api(), { title: 'Webhook queue backlog', summary: 'Deliveries wait.' });
    const heap = await declare(api(), { title: 'Search heap pressure', serviceIds: [search.id] });
    let { stored, recomputed } = await storedAndRecomputed(db);
    expect(stored).toHaveLength(3);
    expect(stored).toEqual(recomputed);

    await patch(api(), queue.ref, { title: 'Payments WAL kept on disk', summary: 'A stale slot kept WAL.' });
    await patch(api(), heap.ref, { serviceIds: [payments.id, search.id] });
    const { version } = ok<{ version: number }>(
      await api().call('GET', `/api/v1/incidents/${disk.ref}`, { as: 'viewer' }),
    );
    ok(
      await act(api(), disk.ref, 'resolve', {
        rootCause: 'A stale replication slot kept WAL segments.',
        resolutionSummary: 'Dropped the slot.',
        version,
      }),
    );
    ({ stored, recomputed } = await storedAndRecomputed(db));
    expect(stored).toEqual(recomputed);
    expect(stored.find((row) => row.features.includes('replic'))).toBeDefined();

    ok(await act(api(), queue.ref, 'merge', { into: heap.ref, version: 2 }));
    ({ stored, recomputed } = await storedAndRecomputed(db));
    expect(stored).toEqual(recomputed);
    expect(stored.filter((row) => row.is_listed === 0)).toHaveLength(1);
  });

  it('are left alone by lines that cannot change them (a note, a status update), and rewritten by an edit', async () => {
    const db = api().db.ctx.store.db;
    const incident = await declare(api(), { title: 'Checkout latency over two seconds' });
    const row = () =>
      db.selectFrom('incident_similarity_features').select('features').executeTakeFirstOrThrow();
    // A marker in place of the stored features shows whether a line rewrote them.
    await db.updateTable('incident_similarity_features').set({ features: 'marker' }).execute();
    ok(
      await api().call('POST', `/api/v1/incidents/${incident.ref}/notes`, {
        as: 'responder',
        body: { body: 'Seeing 502s from the edge' },
      }),
      201,
    );
    ok(
      await api().call('POST', `/api/v1/incidents/${incident.ref}/updates`, {
        as: 'responder',
        body: { message: 'Rolling back the edge deploy' },
      }),
      201,
    );
    expect((await row()).features).toBe('marker');

    await patch(api(), incident.ref, { summary: 'The card form times out.' });
    const { stored, recomputed } = await storedAndRecomputed(db);
    expect(stored).toEqual(recomputed);
  });

  it('are backfilled for incidents from before the table, and a stopped backfill resumes where it was', async () => {
    const db = api().db.ctx.store.db;
    for (let i = 0; i < 9; i++) await declare(api(), { title: `Cache node ${i} evicting keys` });
    const before = await storedAndRecomputed(db);
    // As a database migrated from before the features table: no rows.
    await db.deleteFrom('incident_similarity_features').execute();

    const first = new LiveSimilarityIndex(db, { backfillPage: 2 });
    const early = await first.current();
    first.stop();
    await expect(first.loaded()).resolves.toBeDefined();
    expect(first.isLoaded).toBe(false);
    const partial = await db.selectFrom('incident_similarity_features').select('incident_id').execute();
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(9);
    expect(early.size).toBe(partial.length);

    const second = new LiveSimilarityIndex(db, { backfillPage: 2 });
    const index = await second.loaded();
    expect(second.isLoaded).toBe(true);
    expect(index.size).toBe(9);
    expect(await storedAndRecomputed(db)).toEqual(before);
  });
});
