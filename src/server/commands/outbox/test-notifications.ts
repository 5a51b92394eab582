// A test notification of one contact method goes through the outbox and the same channel as a
// page, so it proves exactly what a page would meet: the address, the server's settings, the
// receiver. It is sent once, at once: a failure is reported, not retried.

import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../../../core/errors.js';
import type { TestNotification } from '../../../core/schemas/delivery.js';
import type { PageItem } from '../../../core/schemas/oncall.js';
import { latestTestOf } from '../../store/queries/delivery-failures.js';
import { contactMethodsOf, queueOutbox } from '../../store/queries/notifications.js';
import type { OutboxRecord } from '../../store/queries/notifications.js';
import { type AppContext, type Caller, iso } from '../context.js';

/** The outbox kind of a test notification. */
export const TEST_KIND = 'test';

/** The sample incident a test notification shows, rendered like a page on every channel. */
export function testPageItem(key: string): PageItem {
  return {
    incidentId: 0,
    ref: 'TEST',
    title: 'Test notification from Beacon',
    severity: 'SEV4',
    priority: 'P4',
    reason: 'a test you sent from My notifications; no incident is open',
    key,
  };
}

/**
 * Queue a test notification to one of the caller's contact methods, due at once. While one is
 * still waiting to be sent, that one is returned instead of queueing another.
 */
export async function sendTestNotification(
  ctx: AppContext,
  caller: Caller,
  contactMethodId: number,
): Promise<TestNotification> {
  const row = await ctx.store.transaction(async (tx) => {
    const [method] = (await contactMethodsOf(tx, [caller.userId])).filter((m) => m.id === contactMethodId);
    if (!method) throw new NotFoundError(`contact method ${contactMethodId}`);
    const latest = await latestTestOf(tx, method.id);
    if (latest && (latest.status === 'pending' || latest.status === 'sending')) return latest;
    const now = ctx.clock.now();
    const key = `test:m${method.id}:${randomUUID()}`;
    return queueOutbox(
      tx,
      {
        user_id: caller.userId,
        contact_method_id: method.id,
        channel: method.type,
        address: method.address,
        kind: TEST_KIND,
        incident_id: null,
        payload: { items: [testPageItem(key)] },
        dedupe_key: key,
      },
      now,
    );
  });
  if (!row) throw new Error('the test notification was not queued');
  return testView(row);
}

/** The newest test notification of one of the caller's contact methods. */
export async function getTestNotification(
  ctx: AppContext,
  caller: Caller,
  contactMethodId: number,
): Promise<TestNotification> {
  const [method] = (await contactMethodsOf(ctx.store.db, [caller.userId])).filter(
    (m) => m.id === contactMethodId,
  );
  const row = method && (await latestTestOf(ctx.store.db, method.id));
  if (!row) throw new NotFoundError(`test notification of contact method ${contactMethodId}`);
  return testView(row);
}

function testView(row: OutboxRecord): TestNotification {
  return {
    id: row.id,
    contactMethodId: row.contact_method_id ?? 0,
    status: row.status as TestNotification['status'],
    lastError: row.last_error,
    createdAt: iso(row.created_at),
    sentAt: iso(row.sent_at),
  };
}
