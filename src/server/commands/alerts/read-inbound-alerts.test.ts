import { expect, it } from 'vitest';
import type { AlertEvent } from '../../../core/alerts/alert-event.js';
import { describeEachDialect, useTestDatabase } from '../../../../test/support/server/test-database.js';
import { alertEvent } from '../../../../test/support/server/alert-events.js';
import { createService } from '../services.js';
import { ingestAlertBatch } from './ingest-alerts.js';
import { openServiceAlertPages } from './read-inbound-alerts.js';

const event = (dedupKey: string, action: AlertEvent['action'] = 'trigger') =>
  alertEvent(dedupKey, action, { summary: dedupKey, labels: { key: dedupKey } });

describeEachDialect('open alerts of a service, page by page', (dialect) => {
  const database = useTestDatabase(dialect);

  it('yields every open alert once, oldest first, and no resolved or other-service alert', async () => {
    const { ctx } = database();
    const [mine, other] = await Promise.all([
      createService(ctx, { name: 'mine' }),
      createService(ctx, { name: 'other' }),
    ]);
    const keys = Array.from({ length: 8 }, (_, i) => `k${i}`);
    await ingestAlertBatch(ctx, [
      { origin: { serviceId: mine.id, integrationId: null, name: 't' }, events: keys.map((k) => event(k)) },
      { origin: { serviceId: other.id, integrationId: null, name: 't' }, events: [event('elsewhere')] },
    ]);
    await ingestAlertBatch(ctx, [
      { origin: { serviceId: mine.id, integrationId: null, name: 't' }, events: [event('k3', 'resolve')] },
    ]);
    const pages: string[][] = [];
    for await (const page of openServiceAlertPages(ctx, mine.id, 3)) pages.push(page.map((a) => a.dedupKey));
    expect(pages).toEqual([['k0', 'k1', 'k2'], ['k4', 'k5', 'k6'], ['k7']]);
  });
});
