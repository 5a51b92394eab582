import { expect, it } from 'vitest';
import type { AlertEvent } from '../../../core/alerts/alert-event.js';
import { openCountingStore } from '../../../../test/support/server/counting-store.js';
import { alertEvent } from '../../../../test/support/server/alert-events.js';
import { describeEachDialect, useTestDatabase } from '../../../../test/support/server/test-database.js';
import type { AppContext } from '../context.js';
import { findIncidents, getTimeline } from '../read-incidents.js';
import { createService } from '../services.js';
import { ingestAlertBatch } from './ingest-alerts.js';
import { getAlert, getAlerts } from './read-alerts.js';

/** A trigger of `key` named `alertname` (the default grouping: one incident per name). */
const named = (key: string, alertname: string, extra: Partial<AlertEvent> = {}) =>
  alertEvent(key, 'trigger', { labels: { alertname, instance: key }, summary: `Alert ${key}`, ...extra });

describeEachDialect('one ingest transaction of new alerts', (dialect) => {
  const database = useTestDatabase(dialect);

  async function setup(ctx: AppContext = database().ctx) {
    const service = await createService(ctx, { name: 'Storage' });
    const origin = { serviceId: service.id, integrationId: null, name: 'Prometheus' };
    const incidents = async () => (await findIncidents(ctx, { sort: 'oldest', limit: 50 })).items;
    return { origin, incidents };
  }

  it('writes each new alert with one statement, and the rest of the batch with a few', async () => {
    const db = database();
    const counting = openCountingStore(db.databaseUrl, db.schema ? { schema: db.schema } : {});
    const ctx = { ...db.ctx, store: counting.store };
    try {
      const { origin, incidents } = await setup(ctx);
      const names = ['DiskFull', 'HighLoad', 'OOMKilled', 'Down'];
      await ingestAlertBatch(ctx, [{ origin, events: names.map((name) => named(`first-${name}`, name)) }]);
      const before = counting.queries();
      // 40 requests of one new alert each, committed together: each joins its name's incident.
      const submissions = Array.from({ length: 40 }, (_, i) => ({
        origin,
        events: [named(`new-${i}`, names[i % 4] ?? '')],
      }));
      const results = await ingestAlertBatch(ctx, submissions);
      const statements = counting.queries() - before;
      expect(results.flat().map((o) => (o instanceof Error ? o.message : o.result))).toEqual(
        Array.from({ length: 40 }, () => 'created'),
      );
      // One insert per alert; a dozen reads and multi-row inserts for the whole batch, and four
      // for the changed incidents' similarity features (three reads, one upsert).
      expect(statements).toBeLessThanOrEqual(40 + 12 + 4);
      const list = await incidents();
      expect(list.map((i) => i.title)).toEqual(names.map((name) => `Alert first-${name}`));
      const timeline = await getTimeline(ctx, list[0]?.ref ?? '');
      const attached = timeline.filter((entry) => entry.kind === 'alert_attached').map((entry) => entry.body);
      expect(attached).toEqual([
        'Opened by alert [warning] DiskFull: Alert first-DiskFull',
        ...Array.from({ length: 10 }, (_, i) => `Alert joined: [warning] DiskFull: Alert new-${i * 4}`),
      ]);
      const alerts = (await getAlerts(ctx, { limit: 100 })).items;
      expect(alerts).toHaveLength(44);
      expect(alerts.every((alert) => alert.incident !== null)).toBe(true);
      const one = alerts.find((alert) => alert.dedupKey === 'new-5');
      expect(one?.incident?.ref).toBe(list[1]?.ref);
      expect((await getAlert(ctx, one?.id ?? 0)).history.map((h) => h.kind)).toEqual(['trigger']);
    } finally {
      await counting.store.close();
    }
  });

  it('keeps the order of what a batch writes when it also raises, resolves and fires again', async () => {
    const { ctx } = database();
    const { origin, incidents } = await setup();
    await ingestAlertBatch(ctx, [{ origin, events: [named('a1', 'DiskFull')] }]);
    const results = await ingestAlertBatch(ctx, [
      { origin, events: [named('a2', 'DiskFull')] },
      { origin, events: [named('a3', 'DiskFull', { severity: 'critical' })] },
      { origin, events: [named('a4', 'DiskFull'), alertEvent('a2', 'resolve')] },
      { origin, events: [named('a2', 'DiskFull', { summary: 'Alert a2 again' })] },
    ]);
    expect(results.map((r) => (r instanceof Error ? r.message : r.map((o) => o.result)))).toEqual([
      ['created'],
      ['created'],
      ['created', 'resolved'],
      ['created'],
    ]);
    const [incident, ...others] = await incidents();
    expect(others).toEqual([]);
    expect(incident?.severity).toBe('SEV1');
    const timeline = await getTimeline(ctx, incident?.ref ?? '');
    expect(
      timeline.filter((e) => e.kind === 'alert_attached' || e.kind === 'updated').map((e) => e.body),
    ).toEqual([
      'Opened by alert [warning] DiskFull: Alert a1',
      'Alert joined: [warning] DiskFull: Alert a2',
      'Alert joined: [critical] DiskFull: Alert a3',
      'Raised by a more severe alert',
      'Alert joined: [warning] DiskFull: Alert a4',
      'Alert joined: [warning] DiskFull: Alert a2 again',
    ]);
    const ids = timeline.map((entry) => entry.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    const alerts = (await getAlerts(ctx, { limit: 10 })).items.filter((a) => a.dedupKey === 'a2');
    const resolved = alerts.find((a) => a.status === 'resolved');
    expect((await getAlert(ctx, resolved?.id ?? 0)).history.map((h) => h.kind)).toEqual([
      'trigger',
      'resolve',
    ]);
    expect(alerts.find((a) => a.status === 'firing')?.incident?.ref).toBe(incident?.ref);
  });
});
