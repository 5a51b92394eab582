import { TEXT_LIMITS } from '../text/limits.js';
import { z } from 'zod';
import { ALERT_SEVERITIES, ALERT_STATUSES } from '../alerts/alert-event.js';
import { AUTO_RESOLVE_TARGETS, GROUPING_MODES } from '../alerts/grouping.js';
import { INTEGRATION_TYPES } from '../alerts/integration-types.js';
import { Limit, StrictId, Timestamp, pageOf } from './common.js';

export { INTEGRATION_TYPES, type IntegrationType } from '../alerts/integration-types.js';

/**
 * An inbound integration of a service. Its key is not stored, so it is never shown again
 * after creation or rotation: only its first characters, to recognise it by.
 */
export const Integration = z.object({
  id: z.number(),
  service: z.object({ id: z.number(), name: z.string() }),
  type: z.enum(INTEGRATION_TYPES),
  name: z.string(),
  keyPrefix: z.string(),
  disabled: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Integration = z.infer<typeof Integration>;

/** An integration just created or given a new key: the only reply that carries the key. */
export const IntegrationWithKey = Integration.extend({ key: z.string() });
export type IntegrationWithKey = z.infer<typeof IntegrationWithKey>;

export const CreateIntegrationBody = z.object({
  type: z.enum(INTEGRATION_TYPES),
  name: z.string().trim().min(1, 'must not be empty').max(100),
});
export type CreateIntegrationBody = z.infer<typeof CreateIntegrationBody>;

export const UpdateIntegrationBody = z
  .object({ name: z.string().trim().min(1).max(100).optional(), disabled: z.boolean().optional() })
  .strict();
export type UpdateIntegrationBody = z.infer<typeof UpdateIntegrationBody>;

/** A service's alert rules. */
export const AlertRulesSchema = z.object({
  grouping: z.enum(GROUPING_MODES),
  groupBy: z.array(z.string().trim().min(1).max(100)).max(20),
  groupWindowMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 30),
  reopenWindowMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 7),
  thresholdCount: z.number().int().min(1).max(10_000),
  thresholdMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24),
  autoResolve: z.enum(AUTO_RESOLVE_TARGETS),
  flapChanges: z.number().int().min(2).max(1000),
  flapWindowMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24),
});
export const AlertRulesPatch = AlertRulesSchema.partial().strict();

/** An alert as the API returns it. */
/** The triage rule that suppressed an alert (it was recorded, no incident opened). */
export const SuppressingRule = z.object({
  ruleSetId: z.number().nullable(),
  ruleSetName: z.string(),
  ruleSetVersion: z.number(),
  ruleId: z.number(),
  ruleName: z.string(),
});
export type SuppressingRule = z.infer<typeof SuppressingRule>;

export const Alert = z.object({
  id: z.number(),
  service: z.object({ id: z.number(), name: z.string() }),
  integrationId: z.number().nullable(),
  dedupKey: z.string(),
  status: z.enum(ALERT_STATUSES),
  summary: z.string(),
  severity: z.enum(ALERT_SEVERITIES),
  source: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
  details: z.record(z.string(), z.unknown()),
  links: z.array(z.object({ href: z.string(), text: z.string() })),
  generatorUrl: z.string().nullable(),
  incident: z.object({ id: z.number(), ref: z.string() }).nullable(),
  isSuppressed: z.boolean(),
  /** Set when a triage rule suppressed the alert (maintenance leaves it null). */
  suppressedBy: SuppressingRule.nullable(),
  isFlapping: z.boolean(),
  eventCount: z.number(),
  startsAt: Timestamp,
  endsAt: Timestamp.nullable(),
  acknowledgedAt: Timestamp.nullable(),
  resolvedAt: Timestamp.nullable(),
  lastEventAt: Timestamp,
  createdAt: Timestamp,
});
export type Alert = z.infer<typeof Alert>;

export const AlertPage = pageOf(Alert);

/** One line of an alert's history, with the payload as received. */
export const AlertHistoryEntry = z.object({
  id: z.number(),
  at: Timestamp,
  kind: z.string(),
  message: z.string().nullable(),
  payload: z.unknown(),
});

export const AlertWithHistory = Alert.extend({ payload: z.unknown(), history: z.array(AlertHistoryEntry) });

export const AlertListQuery = z.object({
  status: z.enum([...ALERT_STATUSES, 'open']).optional(),
  serviceId: StrictId.optional(),
  incident: z.string().max(20).optional(),
  limit: Limit,
  cursor: StrictId.optional(),
});
export type AlertListQuery = z.infer<typeof AlertListQuery>;

/** A scheduled maintenance window. */
export const MaintenanceWindow = z.object({
  id: z.number(),
  service: z.object({ id: z.number(), name: z.string() }),
  startsAt: Timestamp,
  endsAt: Timestamp,
  reason: z.string(),
  isActive: z.boolean(),
  createdAt: Timestamp,
});
export type MaintenanceWindow = z.infer<typeof MaintenanceWindow>;

export const CreateMaintenanceBody = z.object({
  startsAt: Timestamp,
  endsAt: Timestamp,
  reason: z.string().trim().max(TEXT_LIMITS.reason).default(''),
});
export type CreateMaintenanceBody = z.infer<typeof CreateMaintenanceBody>;

/** A change (deploy, config change) reported by a tool. */
export const ChangeEvent = z.object({
  id: z.number(),
  service: z.object({ id: z.number(), name: z.string() }),
  at: Timestamp,
  summary: z.string(),
  source: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  links: z.array(z.object({ href: z.string(), text: z.string() })),
});
export type ChangeEvent = z.infer<typeof ChangeEvent>;

/** Beacon's own event format: `POST /api/v1/events` with the integration key as bearer. */
export const BeaconEventBody = z.object({
  action: z.enum(['trigger', 'acknowledge', 'resolve']).default('trigger'),
  dedupKey: z.string().trim().min(1).max(255).optional(),
  summary: z.string().trim().min(1).max(1024).optional(),
  severity: z.enum(ALERT_SEVERITIES).default('warning'),
  source: z.string().max(255).optional(),
  labels: z.record(z.string(), z.string().max(1024)).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  links: z
    .array(z.object({ href: z.url(), text: z.string().max(255).default('') }))
    .max(20)
    .optional(),
  startsAt: Timestamp.optional(),
  endsAt: Timestamp.optional(),
});
export type BeaconEventBody = z.infer<typeof BeaconEventBody>;

export const BeaconEventReply = z.object({
  status: z.literal('accepted'),
  dedupKey: z.string(),
  result: z.string(),
  alertId: z.number().nullable(),
  incidentRef: z.string().nullable(),
});
