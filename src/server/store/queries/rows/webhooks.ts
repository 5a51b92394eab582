import type { WebhookEventPayload } from '../../../../core/schemas/webhooks.js';
import type { WebhookDeliveryRow, WebhookSubscriptionRow } from '../../schema.js';
import { type Decoded, flag, json, nullableJson, rowMapper } from './codec.js';

const subscriptionCodecs = {
  /** Null means every event type. */
  event_types: nullableJson<string[]>(),
  /** Null means every service. */
  service_ids: nullableJson<number[]>(),
  enabled: flag,
};

/** Webhook subscription rows: JSON filter lists and the 0/1 enabled flag. */
export const subscriptionRows = rowMapper(subscriptionCodecs);

/** A subscription as the store hands it out. */
export type WebhookSubscriptionRecord = Decoded<WebhookSubscriptionRow, typeof subscriptionCodecs>;

const deliveryCodecs = { payload: json<WebhookEventPayload>() };

/** Webhook delivery rows: the JSON event body, fixed when the change committed. */
export const deliveryRows = rowMapper(deliveryCodecs);

/** A webhook delivery as the store hands it out. */
export type WebhookDeliveryRecord = Decoded<WebhookDeliveryRow, typeof deliveryCodecs>;
