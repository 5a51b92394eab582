import { z } from 'zod';
import { Timestamp } from './common.js';

/**
 * The on-call set-up of another tool, read by its importer (`src/server/import/<source>/`) and
 * described in Beacon's words, so one plan and one apply serve every source. Items are named
 * by their source ids; every reference between them is a source id too.
 */

/** The tools Beacon imports from. */
export const IMPORT_SOURCES = ['pagerduty', 'opsgenie', 'grafana-oncall'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

const SourceId = z.string().min(1).max(200);
const Text = z.string().max(10_000);
/** Local time of day with seconds, as the sources write it. */
const TimeOfDay = z.string().regex(/^\d{2}:\d{2}(:\d{2})?$/, 'must be HH:MM or HH:MM:SS');

export const ImportUser = z.object({
  sourceId: SourceId,
  name: z.string().max(200),
  email: z.string().max(320),
  role: z.enum(['admin', 'responder', 'viewer']),
});
export type ImportUser = z.infer<typeof ImportUser>;

export const ImportTeam = z.object({
  sourceId: SourceId,
  name: z.string().max(200),
  description: Text,
  members: z.array(z.object({ userSourceId: SourceId, role: z.enum(['lead', 'member']) })).max(5000),
});
export type ImportTeam = z.infer<typeof ImportTeam>;

/**
 * A weekly or daily window a layer may have someone on call in, as the source states it: it
 * starts at `startTime` local time (on ISO weekday `startDay`, 1 = Monday, for a weekly one)
 * and lasts `durationSeconds` of local clock time.
 */
export const ImportRestriction = z.object({
  kind: z.enum(['daily', 'weekly']),
  startDay: z.number().int().min(1).max(7).optional(),
  startTime: TimeOfDay,
  durationSeconds: z
    .number()
    .int()
    .positive()
    .max(7 * 86_400),
});
export type ImportRestriction = z.infer<typeof ImportRestriction>;

/**
 * One rotation layer. Turns start at `rotationStart` and follow each other every `turn`: whole
 * local days keep the handoff at the same wall-clock time across DST, hours are real hours.
 * The layer is in force from `start` until `end` (null: no end).
 */
export const ImportLayer = z.object({
  name: z.string().max(200),
  start: Timestamp,
  end: Timestamp.nullable(),
  rotationStart: Timestamp,
  turn: z.object({ unit: z.enum(['days', 'hours']), length: z.number().int().positive().max(8784) }),
  userSourceIds: z.array(SourceId).min(1).max(100),
  restrictions: z.array(ImportRestriction).max(50),
});
export type ImportLayer = z.infer<typeof ImportLayer>;

/** Who the source itself has on call in a window: what Beacon's schedule is compared with. */
export const ImportRendered = z.object({
  from: Timestamp,
  to: Timestamp,
  entries: z.array(z.object({ userSourceId: SourceId, start: Timestamp, end: Timestamp })).max(10_000),
});
export type ImportRendered = z.infer<typeof ImportRendered>;

export const ImportSchedule = z.object({
  sourceId: SourceId,
  name: z.string().max(200),
  description: Text,
  timeZone: z.string().max(100),
  /** Lowest priority first: where layers overlap, the later one wins (Beacon's order). */
  layers: z.array(ImportLayer).max(50),
  overrides: z
    .array(z.object({ sourceId: SourceId, userSourceId: SourceId, start: Timestamp, end: Timestamp }))
    .max(5000),
  rendered: ImportRendered.optional(),
  /** What the importer already knows Beacon cannot take over (named features). */
  unsupported: z.array(z.string().max(500)).max(50).default([]),
});
export type ImportSchedule = z.infer<typeof ImportSchedule>;

export const ImportTarget = z.object({ kind: z.enum(['user', 'schedule', 'team']), sourceId: SourceId });
export type ImportTarget = z.infer<typeof ImportTarget>;

export const ImportPolicy = z.object({
  sourceId: SourceId,
  name: z.string().max(200),
  description: Text,
  /** How many more times the steps run when nobody acknowledges. */
  repeatCount: z.number().int().min(0).max(1000),
  steps: z
    .array(
      z.object({
        delayMinutes: z.number().int().min(0).max(100_000),
        targets: z.array(ImportTarget).max(50),
      }),
    )
    .max(50),
  unsupported: z.array(z.string().max(500)).max(50).default([]),
});
export type ImportPolicy = z.infer<typeof ImportPolicy>;

/** An inbound integration; `beaconType` null when Beacon takes no alerts in its format. */
export const ImportIntegration = z.object({
  sourceId: SourceId,
  name: z.string().max(200),
  sourceType: z.string().max(200),
  beaconType: z.enum(['pagerduty', 'opsgenie', 'alertmanager', 'email', 'generic']).nullable(),
  /** The key (or address) senders use today, to print next to the new one. */
  oldKey: z.string().max(500).nullable(),
  oldAddress: z.string().max(500).nullable(),
});
export type ImportIntegration = z.infer<typeof ImportIntegration>;

export const ImportService = z.object({
  sourceId: SourceId,
  name: z.string().max(200),
  description: Text,
  policySourceId: SourceId.nullable(),
  teamSourceId: SourceId.nullable(),
  integrations: z.array(ImportIntegration).max(100),
});
export type ImportService = z.infer<typeof ImportService>;

export const ImportMaintenance = z.object({
  sourceId: SourceId,
  description: Text,
  start: Timestamp,
  end: Timestamp,
  serviceSourceIds: z.array(SourceId).max(500),
});
export type ImportMaintenance = z.infer<typeof ImportMaintenance>;

/** Everything one import reads from a source. */
export const ImportSetup = z.object({
  source: z.enum(IMPORT_SOURCES),
  users: z.array(ImportUser).max(10_000),
  teams: z.array(ImportTeam).max(5000),
  schedules: z.array(ImportSchedule).max(5000),
  escalationPolicies: z.array(ImportPolicy).max(5000),
  services: z.array(ImportService).max(10_000),
  maintenanceWindows: z.array(ImportMaintenance).max(5000),
});
export type ImportSetup = z.infer<typeof ImportSetup>;

/** `POST /api/v1/imports`: the set-up, and whether to apply the plan or only show it. */
export const ImportRequest = z.object({ setup: ImportSetup, apply: z.boolean().default(false) });
export type ImportRequest = z.input<typeof ImportRequest>;

export const IMPORT_KINDS = [
  'user',
  'team',
  'schedule',
  'override',
  'escalation_policy',
  'service',
  'integration',
  'maintenance',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** One line of the plan: what the apply does (or did) with one source item. */
export const ImportPlanItem = z.object({
  kind: z.enum(IMPORT_KINDS),
  sourceId: z.string(),
  name: z.string(),
  action: z.enum(['create', 'update', 'skip']),
  /** Why it is skipped, or what is updated. */
  reason: z.string().nullable(),
  /** What Beacon does differently from the source (features it cannot express exactly). */
  notes: z.array(z.string()),
  /** The Beacon record it is (or became). */
  beaconId: z.number().nullable(),
});
export type ImportPlanItem = z.infer<typeof ImportPlanItem>;

/** An integration after the import: the old address and key next to Beacon's. */
export const ImportedIntegration = z.object({
  sourceId: z.string(),
  service: z.string(),
  name: z.string(),
  sourceType: z.string(),
  oldKey: z.string().nullable(),
  oldAddress: z.string().nullable(),
  beaconType: z.string().nullable(),
  beaconId: z.number().nullable(),
  /** The new key: only in the reply of the apply that made it (Beacon keeps its hash only). */
  key: z.string().nullable(),
  keyPrefix: z.string().nullable(),
});
export type ImportedIntegration = z.infer<typeof ImportedIntegration>;

/** Who is on call at one handoff, by source user id, where the two schedules disagree. */
export const ScheduleDifference = z.object({
  at: Timestamp,
  source: z.string().nullable(),
  beacon: z.string().nullable(),
});
export type ScheduleDifference = z.infer<typeof ScheduleDifference>;

export const ScheduleComparison = z.object({
  sourceId: z.string(),
  name: z.string(),
  from: Timestamp,
  to: Timestamp,
  handoffs: z.number(),
  differences: z.array(ScheduleDifference),
});
export type ScheduleComparison = z.infer<typeof ScheduleComparison>;

export const ImportResult = z.object({
  source: z.enum(IMPORT_SOURCES),
  applied: z.boolean(),
  items: z.array(ImportPlanItem),
  integrations: z.array(ImportedIntegration),
  comparisons: z.array(ScheduleComparison),
});
export type ImportResult = z.infer<typeof ImportResult>;
