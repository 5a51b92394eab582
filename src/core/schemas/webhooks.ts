import { TEXT_LIMITS } from '../text/limits.js';
import { z } from 'zod';
import { Id, Limit, StrictId, Timestamp, pageOf } from './common.js';
import {
  DETECTION_TIMELINE_KINDS,
  FOLLOW_UP_TIMELINE_KINDS,
  PAGING_TIMELINE_KINDS,
  REVIEW_TIMELINE_KINDS,
  TASK_TIMELINE_KINDS,
  type TimelineKind,
} from './timeline.js';

/** The incident events a webhook subscription can receive. */
export const WEBHOOK_EVENT_TYPES = [
  'incident.triggered',
  'incident.updated',
  'incident.acknowledged',
  'incident.status_changed',
  'incident.resolved',
  'incident.closed',
  'incident.reopened',
  'incident.merged',
  'incident.update_posted',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Event type of the "send test event" button; it ignores the subscription's filters. */
export const TEST_EVENT_TYPE = 'webhook.test';

/** The timeline kinds that announce an event, and which. */
const EVENT_OF_KIND: Readonly<Record<string, WebhookEventType>> = {
  declared: 'incident.triggered',
  updated: 'incident.updated',
  role_assigned: 'incident.updated',
  acknowledged: 'incident.acknowledged',
  status_changed: 'incident.status_changed',
  declined: 'incident.status_changed',
  resolved: 'incident.resolved',
  closed: 'incident.closed',
  reopened: 'incident.reopened',
  merged_into: 'incident.merged',
  note: 'incident.update_posted',
  status_update: 'incident.update_posted',
  stakeholder_update: 'incident.update_posted',
  public_update: 'incident.update_posted',
  resolution_updated: 'incident.updated',
};

/**
 * Timeline kinds that are deliberately no event: the target side of a merge
 * (the source announces it), alerts, paging and response bookkeeping. A test checks that
 * every timeline kind is either an event or listed here.
 */
export const NON_EVENT_TIMELINE_KINDS: readonly string[] = [
  'merged_from',
  ...DETECTION_TIMELINE_KINDS,
  ...PAGING_TIMELINE_KINDS,
  ...TASK_TIMELINE_KINDS,
  'reminder_sent',
  'stakeholders_changed',
  // Customer reports linked or unlinked: shown on the timeline, no webhook event (yet).
  'report_linked',
  'report_unlinked',
  // Follow-ups and auto-close bookkeeping: on the timeline; the close itself is an event.
  ...FOLLOW_UP_TIMELINE_KINDS,
  // The review's progress is shown on the timeline; the incident's own events announce the rest.
  ...REVIEW_TIMELINE_KINDS,
  // Recurrence marks: shown on both timelines, no webhook event.
  'recurrence_marked',
  'recurrence_unmarked',
];

/** The webhook event a timeline entry of `kind` announces, or null. */
export function webhookEventOf(kind: TimelineKind): WebhookEventType | null {
  return Object.hasOwn(EVENT_OF_KIND, kind) ? (EVENT_OF_KIND[kind] ?? null) : null;
}

/** What an `incident.update_posted` event was: a note, a status update or a stakeholder update. */
export function updateKindOf(kind: TimelineKind): string | null {
  return EVENT_OF_KIND[kind] === 'incident.update_posted' ? kind : null;
}

/** A subscription's filters: null means every event type, or incidents of every service. */
export interface WebhookFilters {
  eventTypes: readonly string[] | null;
  serviceIds: readonly number[] | null;
}

/** True when a subscription with `filters` wants `eventType` for an incident of `serviceIds`. */
export function isWantedEvent(
  filters: WebhookFilters,
  eventType: WebhookEventType,
  serviceIds: readonly number[],
): boolean {
  if (filters.eventTypes !== null && !filters.eventTypes.includes(eventType)) return false;
  if (filters.serviceIds === null) return true;
  return serviceIds.some((id) => filters.serviceIds?.includes(id));
}

/** `field_name` for a timeline change key such as `acknowledgedAt`. */
export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'sending', 'delivered', 'dead'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

const EventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);

/** A webhook subscription as the API returns it (the secret has its own endpoint). */
export const WebhookSubscription = z.object({
  id: z.number(),
  url: z.string(),
  description: z.string(),
  /** null: every event type, including ones added later. */
  eventTypes: z.array(EventTypeSchema).nullable(),
  /** null: incidents of every service (and of none). */
  serviceIds: z.array(z.number()).nullable(),
  enabled: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** The latest finished or failed delivery, to show the subscription's health. */
  lastDelivery: z
    .object({
      status: z.enum(WEBHOOK_DELIVERY_STATUSES),
      at: Timestamp,
      httpStatus: z.number().nullable(),
    })
    .nullable(),
  pendingCount: z.number(),
  deadCount: z.number(),
});
export type WebhookSubscription = z.infer<typeof WebhookSubscription>;

/** A subscription with its signing secret: the reply to create and rotate. */
export const WebhookSubscriptionWithSecret = WebhookSubscription.extend({ secret: z.string() });
export type WebhookSubscriptionWithSecret = z.infer<typeof WebhookSubscriptionWithSecret>;

export const WebhookSecret = z.object({ secret: z.string() });
export type WebhookSecret = z.infer<typeof WebhookSecret>;

const WebhookUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
  .max(2000, 'must be at most 2000 characters');
const Description = z.string().trim().max(TEXT_LIMITS.webhookDescription);
const EventTypes = z
  .array(EventTypeSchema)
  .min(1, 'choose at least one event type, or null for all')
  .max(WEBHOOK_EVENT_TYPES.length)
  .nullable();
const ServiceIds = z.array(Id).min(1, 'choose at least one service, or null for all').max(100).nullable();

/** Body of `POST /webhooks`. */
export const CreateWebhookBody = z.object({
  url: WebhookUrl,
  description: Description.default(''),
  eventTypes: EventTypes.default(null),
  serviceIds: ServiceIds.default(null),
  enabled: z.boolean().default(true),
});
export type CreateWebhookBody = z.infer<typeof CreateWebhookBody>;
/** What a client sends to create a subscription (defaults filled in by the server). */
export type CreateWebhookInput = z.input<typeof CreateWebhookBody>;

/** Body of `PATCH /webhooks/:id`. */
export const UpdateWebhookBody = z
  .object({
    url: WebhookUrl.optional(),
    description: Description.optional(),
    eventTypes: EventTypes.optional(),
    serviceIds: ServiceIds.optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type UpdateWebhookBody = z.infer<typeof UpdateWebhookBody>;

/** One delivery of one event to one subscription. */
export const WebhookDelivery = z.object({
  id: z.number(),
  /** Sent as `X-Beacon-Delivery`; the same on every attempt and on a manual retry. */
  deliveryId: z.string(),
  /** The event's `id` in the payload; the same for every subscription. */
  eventId: z.string(),
  eventType: z.string(),
  incident: z.object({ id: z.number(), ref: z.string() }).nullable(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attemptCount: z.number(),
  nextAttemptAt: Timestamp.nullable(),
  lastHttpStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  createdAt: Timestamp,
  deliveredAt: Timestamp.nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

/** One HTTP attempt of a delivery, as the delivery log shows it. */
export const WebhookAttempt = z.object({
  id: z.number(),
  attempt: z.number(),
  at: Timestamp,
  durationMs: z.number(),
  httpStatus: z.number().nullable(),
  error: z.string().nullable(),
  /** The first 1 KB of the receiver's reply. */
  responseBody: z.string().nullable(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttempt>;

/** A delivery with the payload sent and every attempt, newest first. */
export const WebhookDeliveryDetail = WebhookDelivery.extend({
  payload: z.unknown(),
  attempts: z.array(WebhookAttempt),
});
export type WebhookDeliveryDetail = z.infer<typeof WebhookDeliveryDetail>;

export const WebhookDeliveryPage = pageOf(WebhookDelivery);
export type WebhookDeliveryPage = z.infer<typeof WebhookDeliveryPage>;

/** Query of `GET /webhooks/:id/deliveries`. */
export const WebhookDeliveryQuery = z.object({
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
  limit: Limit,
  cursor: StrictId.optional(),
});
export type WebhookDeliveryQuery = z.infer<typeof WebhookDeliveryQuery>;

/** What `incident` holds in an event payload. */
export interface WebhookIncident {
  id: number;
  number: number;
  ref: string;
  url: string;
  title: string;
  summary: string;
  status: string;
  severity: string;
  priority: string;
  impact: string;
  urgency: string;
  category: string | null;
  services: Array<{ id: number; name: string }>;
  commander: { id: number; name: string } | null;
  tags: string[];
  resolution_summary: string | null;
  root_cause: string | null;
  merged_into: { id: number; ref: string } | null;
  started_at: string;
  detected_at: string;
  acknowledged_at: string | null;
  mitigated_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The JSON body of every webhook event. */
export interface WebhookEventPayload {
  id: string;
  event_type: WebhookEventType | typeof TEST_EVENT_TYPE;
  occurred_at: string;
  incident: WebhookIncident | null;
  actor: { type: 'user' | 'system'; id: number | null; name: string };
  changes: Record<string, { before: unknown; after: unknown }> | null;
  /** The note, the update, the status message or the merge line the change came with. */
  message: string | null;
  /** On `incident.update_posted`: `note`, `status_update`, `stakeholder_update` or `public_update`; else null. */
  update_kind: string | null;
}
