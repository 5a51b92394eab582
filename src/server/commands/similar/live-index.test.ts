import { expect, it } from 'vitest';
import { incidentFeatures } from '../../../core/similar/index.js';
import { type ApiHarness, useApiHarness } from '../../../../test/support/server/api-harness.js';
import { act, declare, ok } from '../../../../test/support/server/http/api-test-helpers.js';
import { useSecondProcess } from '../../../../test/support/server/second-process.js';
import { describeEachDialect } from '../../../../test/support/server/test-database.js';
import { getSimilarIncidents } from './find-similar.js';
import { LiveSimilarityIndex } from './live-index.js';

const refsSimilarTo = async (ctx: Parameters<typeof getSimilarIncidents>[0], ref: string) =>
  (await getSimilarIncidents(ctx, ref, { limit: 5 })).items.map((item) => item.ref);

async function edit(api: ApiHarness, ref: string, title: string) {
  const incident = ok<{ version: number }>(
    await api.call('GET', `/api/v1/incidents/${ref}`, { as: 'viewer' }),
  );
  ok(
    await api.call('PATCH', `/api/v1/incidents/${ref}`, {
      as: 'responder',
      body: { title, version: incident.version },
    }),
  );
}

describeEachDialect('the similarity index kept per process', (dialect) => {
  const api = useApiHarness(dialect);
  const secondProcess = useSecondProcess(api);

  it('finds in a second process what the first declared, edited, merged and resolved, at the next lookup', async () => {
    const other = await secondProcess();
    const disk = await declare(api(), { title: 'Payments database disk full' });
    const queue = await declare(api(), { title: 'Webhook queue backlog' });
    const asking = await declare(api(), { title: 'Disk full on the payments database again' });
    expect(await refsSimilarTo(other, asking.ref)).toEqual([disk.ref]);

    await edit(api(), queue.ref, 'Payments database disk full, WAL kept');
    expect((await refsSimilarTo(other, asking.ref)).sort()).toEqual([disk.ref, queue.ref].sort());
    const later = await declare(api(), { title: 'Payments database disk full once more' });
    expect(await refsSimilarTo(other, later.ref)).toContain(asking.ref);

    ok(await act(api(), queue.ref, 'merge', { into: disk.ref, version: 2 }));
    expect(await refsSimilarTo(other, asking.ref)).toEqual([disk.ref]);

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
    const slot = await declare(api(), { title: 'Stale replication slot on payments' });
    const [match] = (await getSimilarIncidents(other, slot.ref, { limit: 5 })).items;
    expect(match?.ref).toBe(disk.ref);
    expect(match?.why.sharedTerms).toEqual(expect.arrayContaining(['replication', 'slot']));
  });

  it('loads newest first in pages, and a change made while loading survives the older page', async () => {
    const refs = [];
    for (let i = 0; i < 7; i++)
      refs.push((await declare(api(), { title: `Cache node ${i} evicting keys` })).ref);
    const live = new LiveSimilarityIndex(api().db.ctx.store.db, { pageSize: 2 });
    const early = await live.current();
    // The first page is the two newest incidents; the rest load behind it.
    const newest = await api()
      .db.ctx.store.db.selectFrom('incidents')
      .select('id')
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    for (const { id } of newest) expect(early.has(id)).toBe(true);

    const [oldest] = refs;
    await edit(api(), oldest ?? '', 'Certificate expired on login endpoint');
    const index = await live.loaded();
    expect(live.isLoaded).toBe(true);
    expect(index.size).toBe(7);
    const asking = incidentFeatures({
      id: 0,
      number: 0,
      title: 'Login certificate expired',
      summary: '',
      rootCause: null,
      resolution: null,
      category: null,
      serviceIds: [],
      alertLabels: [],
      startedAt: 0,
    });
    const [top] = index.lookup({ incidentId: 0, features: asking, limit: 1 });
    const oldestId = await api()
      .db.ctx.store.db.selectFrom('incidents')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(top?.incidentId).toBe(oldestId.id);
    expect(top?.sharedTerms).toEqual(expect.arrayContaining(['certificate', 'login']));
  });
});
