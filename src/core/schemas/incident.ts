import { z } from 'zod';
import { ALERT_SEVERITIES } from '../alerts/alert-event.js';
import { TEXT_LIMITS } from '../text/limits.js';
import { INCIDENT_STATUSES } from '../incident-status.js';
import { LEVELS, PRIORITIES, SEVERITIES } from '../priority.js';
import { ResolutionFields } from './resolution.js';
import { Id, Limit, StrictId, Timestamp, UserRef, listParam, pageOf } from './common.js';

export const IncidentStatusSchema = z.enum(INCIDENT_STATUSES);
export const SeveritySchema = z.enum(SEVERITIES);
export const LevelSchema = z.enum(LEVELS);
export const PrioritySchema = z.enum(PRIORITIES);

const Title = z.string().trim().min(1, 'must not be empty').max(TEXT_LIMITS.title);
const LongText = z.string().max(TEXT_LIMITS.longText);
const Tag = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\w.:/=-]+$/, 'letters, digits and . _ : / = - only');

/**
 * An alert of an ended (resolved, closed, declined, merged) incident that its source still
 * reports as firing: still open on this incident, or opened again since (then `incident` is
 * where it went, null while it waits for a threshold or a maintenance window).
 */
export const StillFiringAlert = z.object({
  id: z.number(),
  /** The alert's name and summary, e.g. `DiskFull: Disk full on db-1`. */
  caption: z.string(),
  severity: z.enum(ALERT_SEVERITIES),
  since: Timestamp,
  incident: z.object({ id: z.number(), ref: z.string() }).nullable(),
});
export type StillFiringAlert = z.infer<typeof StillFiringAlert>;

/** An incident as the API returns it. */
export const Incident = z.object({
  id: z.number(),
  number: z.number(),
  ref: z.string(),
  title: z.string(),
  summary: z.string(),
  status: IncidentStatusSchema,
  severity: SeveritySchema,
  impact: LevelSchema,
  urgency: LevelSchema,
  priority: PrioritySchema,
  category: z.string().nullable(),
  services: z.array(z.object({ id: z.number(), name: z.string() })),
  commander: UserRef.nullable(),
  tags: z.array(z.string()),
  resolutionSummary: z.string().nullable(),
  rootCause: z.string().nullable(),
  mergedInto: z.object({ id: z.number(), ref: z.string() }).nullable(),
  /** Alerts still firing although the incident has ended; empty while it is open. */
  stillFiring: z.array(StillFiringAlert),
  /** Follow-up actions linked to the incident and still to do (they outlive its closing). */
  openFollowUps: z.number(),
  startedAt: Timestamp,
  detectedAt: Timestamp,
  acknowledgedAt: Timestamp.nullable(),
  mitigatedAt: Timestamp.nullable(),
  resolvedAt: Timestamp.nullable(),
  closedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number(),
});
export type Incident = z.infer<typeof Incident>;

export const IncidentPage = pageOf(Incident);
export type IncidentPage = z.infer<typeof IncidentPage>;

/** Body of `POST /incidents` (declare). */
export const DeclareIncidentBody = z.object({
  title: Title,
  summary: LongText.optional(),
  severity: SeveritySchema.default('SEV3'),
  /** When left out, what the severity proposes (SEV1 → high, so that SEV1 is P1). */
  impact: LevelSchema.optional().describe('Business impact; when left out, the one the severity proposes'),
  urgency: LevelSchema.optional().describe('Urgency; when left out, the one the severity proposes'),
  category: z.string().max(64).nullable().optional(),
  serviceIds: z.array(Id).max(100).optional(),
  commanderId: Id.nullable().optional(),
  tags: z.array(Tag).max(50).optional(),
  status: z.enum(['triage', 'triggered', 'investigating']).default('investigating'),
  startedAt: Timestamp.optional(),
  detectedAt: Timestamp.optional(),
});
export type DeclareIncidentBody = z.infer<typeof DeclareIncidentBody>;

/** Optimistic-concurrency guard: the version the caller last saw. */
const Version = z.number().int().positive().optional();

/** Body of `PATCH /incidents/:ref`. */
export const UpdateIncidentBody = z
  .object({
    title: Title.optional(),
    summary: LongText.optional(),
    severity: SeveritySchema.optional(),
    impact: LevelSchema.optional(),
    urgency: LevelSchema.optional(),
    category: z.string().max(64).nullable().optional(),
    serviceIds: z.array(Id).max(100).optional(),
    commanderId: Id.nullable().optional(),
    tags: z.array(Tag).max(50).optional(),
    startedAt: Timestamp.optional(),
    detectedAt: Timestamp.optional(),
    mitigatedAt: Timestamp.nullable().optional(),
    resolutionSummary: LongText.nullable().optional(),
    rootCause: LongText.nullable().optional(),
    version: Version,
  })
  .strict();
export type UpdateIncidentBody = z.infer<typeof UpdateIncidentBody>;

/** Body of `POST /incidents/:ref/status`. */
export const ChangeStatusBody = z.object({
  status: IncidentStatusSchema,
  message: LongText.optional(),
  resolutionSummary: LongText.optional(),
  rootCause: LongText.optional(),
  version: Version,
});
export type ChangeStatusBody = z.infer<typeof ChangeStatusBody>;

/** Body of actions that take only a version and an optional message. */
export const ActionBody = z.object({ message: LongText.optional(), version: Version }).default({});
export type ActionBody = z.infer<typeof ActionBody>;

/** Body of `POST /incidents/:ref/resolve`. */
export const ResolveBody = ResolutionFields.extend({
  // Required unless the settings say otherwise for the severity (then the command names it).
  resolutionSummary: LongText.optional(),
  rootCause: LongText.optional(),
  version: Version,
});
export type ResolveBody = z.infer<typeof ResolveBody>;

/** Body of `POST /incidents/:ref/close`. */
export const CloseBody = ResolutionFields.extend({
  rootCause: LongText.optional(),
  resolutionSummary: LongText.optional(),
  version: Version,
});
export type CloseBody = z.infer<typeof CloseBody>;

/** Body of `POST /incidents/:ref/merge`: merge this incident into `into`. */
export const MergeBody = z.object({
  into: z.union([z.string(), z.number()]),
  version: Version,
});
export type MergeBody = z.infer<typeof MergeBody>;

export const INCIDENT_SORTS = ['newest', 'oldest', 'updated', 'severity', 'number'] as const;
export type IncidentSort = (typeof INCIDENT_SORTS)[number];

/** Query of `GET /incidents`. */
export const IncidentListQuery = z.object({
  status: listParam(IncidentStatusSchema),
  severity: listParam(SeveritySchema),
  serviceId: StrictId.optional(),
  q: z.string().trim().max(200).optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  open: z.enum(['true', 'false']).optional(),
  /** `true`: incidents the caller commands or holds a role in. */
  mine: z.enum(['true', 'false']).optional(),
  /** `true`: incidents without a commander. */
  unassigned: z.enum(['true', 'false']).optional(),
  sort: z.enum(INCIDENT_SORTS).default('newest'),
  limit: Limit,
  cursor: z.string().max(500).optional(),
});
export type IncidentListQuery = z.infer<typeof IncidentListQuery>;
