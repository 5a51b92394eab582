import { z } from 'zod';
import { StrictId, UserRef, listParam } from './common.js';
import { SeveritySchema } from './incident.js';

const DateOnly = z.iso.date();

/** Longest period one request may cover. */
export const MAX_METRICS_DAYS = 731;

/** `GET /api/v1/metrics` (and `.csv`): the period in whole UTC days and the filters. */
export const MetricsQuery = z.object({
  /** First day (UTC, 'YYYY-MM-DD'); 83 days before `to` when absent (twelve weeks). */
  from: DateOnly.optional(),
  /** Last day, included (UTC); today when absent. */
  to: DateOnly.optional(),
  /** Only incidents affecting this service. */
  service: StrictId.optional(),
  /** Only incidents affecting a service this team owns. */
  team: StrictId.optional(),
  severity: listParam(SeveritySchema),
  /** Category names; `none` for incidents without one. */
  category: listParam(z.string().trim().min(1).max(100)),
});
export type MetricsQuery = z.infer<typeof MetricsQuery>;

/** Median and 90th percentile of one measure (milliseconds), over `count` incidents. */
export const DurationSummary = z.object({
  count: z.number(),
  medianMs: z.number().nullable(),
  p90Ms: z.number().nullable(),
});
export type DurationSummary = z.infer<typeof DurationSummary>;

const Durations = z.object({
  detect: DurationSummary,
  acknowledge: DurationSummary,
  mitigate: DurationSummary,
  resolve: DurationSummary,
});

const Ref = z.object({ id: z.number(), name: z.string() });

/** One week (Monday to Sunday, UTC) of the trend; the first and last may be cut by the period. */
export const MetricsWeek = z.object({
  weekStart: DateOnly,
  incidents: z.number(),
  medians: z.object({
    detect: z.number().nullable(),
    acknowledge: z.number().nullable(),
    mitigate: z.number().nullable(),
    resolve: z.number().nullable(),
  }),
});
export type MetricsWeek = z.infer<typeof MetricsWeek>;

/** One person's pages in the period. */
export const OncallLoad = z.object({
  user: UserRef,
  /** The zone the hours are judged in: the person's first schedule's, else UTC. */
  timeZone: z.string(),
  pages: z.number(),
  outOfHoursPages: z.number(),
  /** Quarter hours between 22:00 and 07:00 local with at least one page. */
  sleepInterruptions: z.number(),
});
export type OncallLoad = z.infer<typeof OncallLoad>;

/**
 * Follow-up actions due in the period (docs/metrics.md): `total` those still meant to be done
 * (every state but won't do), `done` and `overdue` (open or in progress past the due date, now)
 * among them, the rates as fractions of `total` (null when it is 0), and every state's count.
 */
export const FollowUpFigures = z.object({
  total: z.number(),
  done: z.number(),
  completionRate: z.number().nullable(),
  overdue: z.number(),
  overdueRate: z.number().nullable(),
  byState: z.object({ open: z.number(), inProgress: z.number(), done: z.number(), wontDo: z.number() }),
});
export type FollowUpFigures = z.infer<typeof FollowUpFigures>;

/** Reliability metrics of a period. */
export const ReliabilityMetrics = z.object({
  period: z.object({ from: DateOnly, to: DateOnly, days: z.number() }),
  filters: z.object({
    service: Ref.nullable(),
    team: Ref.nullable(),
    severity: z.array(z.string()),
    category: z.array(z.string()),
  }),
  /** When the rollups were last brought up to date (null: not yet); changes after it show next round. */
  asOf: z.iso.datetime().nullable(),
  incidents: z.number(),
  durations: Durations,
  bySeverity: z.array(z.object({ severity: z.string(), incidents: z.number() })),
  byCategory: z.array(z.object({ category: z.string().nullable(), incidents: z.number() })),
  byService: z.array(Ref.extend({ incidents: z.number() })),
  byTeam: z.array(Ref.extend({ incidents: z.number() })),
  weekly: z.array(MetricsWeek),
  oncall: z.array(OncallLoad),
  followUps: FollowUpFigures.nullable(),
});
export type ReliabilityMetrics = z.infer<typeof ReliabilityMetrics>;
