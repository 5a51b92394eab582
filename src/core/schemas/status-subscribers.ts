import { z } from 'zod';
import { TEXT_LIMITS } from '../text/limits.js';
import { Id, Timestamp } from './common.js';

/*
 * Status-page subscribers: the public subscribe body (the page's form and
 * `POST /status/api/v2/subscribers`), the admin API under /api/v1/status-page/subscribers,
 * and the bundling setting.
 */

export const SUBSCRIBER_CHANNELS = ['email', 'webhook'] as const;
export type SubscriberChannel = (typeof SUBSCRIBER_CHANNELS)[number];
export const SUBSCRIBER_STATES = ['pending', 'confirmed', 'unsubscribed'] as const;
export type SubscriberState = (typeof SUBSCRIBER_STATES)[number];
export const SUBSCRIBER_SOURCES = ['form', 'api', 'admin'] as const;

/** The longest bundling window (an hour): news should not wait longer than that. */
export const MAX_BUNDLE_SECONDS = 3600;

const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('must be an email address').max(TEXT_LIMITS.email));
const WebhookUrl = z
  .string()
  .trim()
  .max(TEXT_LIMITS.address)
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }));
/** Components to hear about: an empty list or none given means every component. */
const ComponentIds = z.array(Id).max(500).optional();

/** Body of a public subscription (`POST /status/api/v2/subscribers`): email, or webhook and email. */
export const SubscribeBody = z
  .object({
    email: Email.optional(),
    /** A webhook URL; its confirmation goes to `email`. */
    endpoint: WebhookUrl.optional(),
    componentIds: ComponentIds,
  })
  .strict()
  .refine((body) => body.email !== undefined, { error: 'is required', path: ['email'] });
export type SubscribeBody = z.infer<typeof SubscribeBody>;

/** Body of `POST /status-page/subscribers` (admin). */
export const AddSubscriberBody = z
  .object({
    channel: z.enum(SUBSCRIBER_CHANNELS),
    /** The mailbox (email) or the URL (webhook). */
    address: z.string().trim().min(1, 'is required').max(TEXT_LIMITS.address),
    /** Where a webhook subscriber's confirmation and management mail goes. */
    email: Email.optional(),
    componentIds: ComponentIds,
    /** Add the subscriber confirmed, without their opt-in: the reason is required and audited. */
    skipOptIn: z.boolean().default(false),
    reason: z.string().trim().max(500).optional(),
  })
  .strict();
export type AddSubscriberBody = z.infer<typeof AddSubscriberBody>;

/** Query of `GET /status-page/subscribers` and its CSV export. */
export const SubscriberListQuery = z.object({
  state: z.enum(SUBSCRIBER_STATES).optional(),
  channel: z.enum(SUBSCRIBER_CHANNELS).optional(),
  /** Subscribers who hear about this component (those of every component included). */
  componentId: Id.optional(),
  /** Words in the address. */
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type SubscriberListQuery = z.infer<typeof SubscriberListQuery>;

/** One subscriber as admins see them (never their token). */
export const Subscriber = z.object({
  id: z.number(),
  channel: z.enum(SUBSCRIBER_CHANNELS),
  address: z.string(),
  email: z.string().nullable(),
  state: z.enum(SUBSCRIBER_STATES),
  source: z.enum(SUBSCRIBER_SOURCES),
  /** Every component (also those added later), or the chosen ones. */
  allComponents: z.boolean(),
  components: z.array(z.object({ id: z.number(), name: z.string() })),
  skipReason: z.string().nullable(),
  createdAt: Timestamp,
  confirmedAt: Timestamp.nullable(),
  unsubscribedAt: Timestamp.nullable(),
});
export type Subscriber = z.infer<typeof Subscriber>;

/** Counts by state, over every subscriber. */
export const SubscriberCounts = z.object({
  pending: z.number(),
  confirmed: z.number(),
  unsubscribed: z.number(),
  email: z.number(),
  webhook: z.number(),
});
export type SubscriberCounts = z.infer<typeof SubscriberCounts>;

export const SubscriberList = z.object({
  items: z.array(Subscriber),
  counts: SubscriberCounts,
  /** Seconds within which several updates to one incident become one message. */
  bundleSeconds: z.number(),
});
export type SubscriberList = z.infer<typeof SubscriberList>;

/** Body of `PATCH /status-page/subscribers/settings` (admin). */
export const SubscriberSettingsPatch = z
  .object({ bundleSeconds: z.number().int().min(0).max(MAX_BUNDLE_SECONDS) })
  .strict();
export type SubscriberSettingsPatch = z.infer<typeof SubscriberSettingsPatch>;

/** Body of a subscriber's own preferences (the manage page, by token). */
export const SubscriberPreferences = z.object({ componentIds: ComponentIds }).strict();
export type SubscriberPreferences = z.infer<typeof SubscriberPreferences>;
