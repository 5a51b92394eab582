import { randomUUID } from 'node:crypto';
import { TEST_EVENT_TYPE, type WebhookDelivery } from '../../../core/schemas/webhooks.js';
import { insertWebhookDeliveries } from '../../store/queries/webhooks.js';
import { type AppContext, type Caller, actorOf, iso } from '../context.js';
import { deliveryView } from './deliveries.js';
import { audit, loadSubscription } from './subscriptions.js';

/**
 * Queue a `webhook.test` event to one subscription, whatever its filters and even while it
 * is disabled; it goes through the same delivery, retries and log as real events (admins).
 */
export async function sendWebhookTestEvent(
  ctx: AppContext,
  caller: Caller,
  id: number,
): Promise<WebhookDelivery> {
  const now = ctx.clock.now();
  const row = await ctx.store.transaction(async (tx) => {
    await loadSubscription(tx, id);
    const [delivery] = await insertWebhookDeliveries(
      tx,
      [{ subscriptionId: id, incidentId: null }],
      {
        id: randomUUID(),
        event_type: TEST_EVENT_TYPE,
        occurred_at: iso(now),
        incident: null,
        actor: actorOf(caller),
        changes: null,
        message: `Test event sent by ${caller.name} from Beacon.`,
        update_kind: null,
      },
      now,
    );
    if (!delivery) throw new Error('test delivery was not queued');
    await audit(tx, caller, now, 'webhook.test', id, { deliveryId: delivery.delivery_id });
    return delivery;
  });
  return deliveryView({ ...row, incident_number: null });
}
