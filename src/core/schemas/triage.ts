import { z } from 'zod';
import { ALERT_SEVERITIES } from '../alerts/alert-event.js';
import { LEVELS, PRIORITIES, SEVERITIES } from '../priority.js';
import { TEXT_LIMITS } from '../text/limits.js';
import { Id, Timestamp } from './common.js';

/** What a triage condition looks at. */
export const TRIAGE_FIELDS = [
  'label',
  'annotation',
  'source',
  'service',
  'severity',
  'summary',
  'report_text',
] as const;
export type TriageField = (typeof TRIAGE_FIELDS)[number];

/** How a condition compares; `service` takes only equals and not_equals. */
export const TRIAGE_OPERATORS = ['equals', 'not_equals', 'contains', 'regex', 'exists'] as const;
export type TriageOperator = (typeof TRIAGE_OPERATORS)[number];

/** Where an evaluated alert or report came from: an integration type, a check, or a report. */
export const TRIAGE_SOURCES = [
  'alertmanager',
  'pagerduty',
  'opsgenie',
  'generic',
  'email',
  'check',
  'report',
] as const;

/** First match stops at the first rule that matches; all match applies every matching rule. */
export const TRIAGE_MODES = ['first_match', 'all_match'] as const;
export type TriageMode = (typeof TRIAGE_MODES)[number];

const Tag = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\w.:/=-]+$/, 'letters, digits and . _ : / = - only');

/** One condition of a rule; every condition of a rule must hold. */
export const TriageCondition = z.object({
  field: z.enum(TRIAGE_FIELDS),
  /** The label or annotation name (those two fields only). */
  name: z.string().trim().max(200).default(''),
  op: z.enum(TRIAGE_OPERATORS),
  /** Text to compare with; a service id for `service`; an RE2 pattern for `regex`. */
  value: z.string().max(1000).default(''),
});
export type TriageCondition = z.infer<typeof TriageCondition>;

/** What a matching rule does; unset actions leave the field as it was. */
export const TriageActions = z.object({
  severity: z.enum(SEVERITIES).nullable().default(null),
  impact: z.enum(LEVELS).nullable().default(null),
  urgency: z.enum(LEVELS).nullable().default(null),
  category: z.string().trim().min(1).max(64).nullable().default(null),
  responsePlanId: Id.nullable().default(null),
  escalationPolicyId: Id.nullable().default(null),
  tags: z.array(Tag).max(20).default([]),
  /** Record the alert but open no incident. */
  suppress: z.boolean().default(false),
});
export type TriageActions = z.infer<typeof TriageActions>;

/** One rule as written: conditions (all must hold; none matches everything) and actions. */
export const TriageRuleInput = z.object({
  /** Kept when given (a rule being edited), assigned by the server for a new rule. */
  id: z.number().int().positive().max(1_000_000).optional(),
  name: z.string().trim().min(1, 'must not be empty').max(100),
  isEnabled: z.boolean().default(true),
  conditions: z.array(TriageCondition).max(20).default([]),
  actions: TriageActions.default(TriageActions.parse({})),
});
export type TriageRuleInput = z.input<typeof TriageRuleInput>;

/** A stored rule: its id is stable across edits and reorders. */
export const TriageRule = TriageRuleInput.extend({ id: z.number() });
export type TriageRule = z.infer<typeof TriageRule>;

/** A rule set as the API returns it. */
export const TriageRuleSet = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  /** Null: every service (a global set). */
  service: z.object({ id: z.number(), name: z.string() }).nullable(),
  mode: z.enum(TRIAGE_MODES),
  isEnabled: z.boolean(),
  position: z.number(),
  version: z.number(),
  rules: z.array(TriageRule),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type TriageRuleSet = z.infer<typeof TriageRuleSet>;

export const TriageRuleSetList = z.object({ items: z.array(TriageRuleSet) });

const RuleSetFields = {
  name: z.string().trim().min(1, 'must not be empty').max(100),
  description: z.string().max(TEXT_LIMITS.description),
  serviceId: Id.nullable(),
  mode: z.enum(TRIAGE_MODES),
  isEnabled: z.boolean(),
  rules: z.array(TriageRuleInput).max(100),
};

/** Body of `POST /triage-rules` (and the draft of a dry run). */
export const CreateTriageRuleSetBody = z.object({
  name: RuleSetFields.name,
  description: RuleSetFields.description.default(''),
  serviceId: RuleSetFields.serviceId.default(null),
  mode: RuleSetFields.mode.default('first_match'),
  isEnabled: RuleSetFields.isEnabled.default(true),
  rules: RuleSetFields.rules.default([]),
});
export type CreateTriageRuleSetBody = z.infer<typeof CreateTriageRuleSetBody>;

/** Body of `PATCH /triage-rules/:id`: the fields to change, guarded by the version read. */
export const UpdateTriageRuleSetBody = z
  .object({
    name: RuleSetFields.name.optional(),
    description: RuleSetFields.description.optional(),
    serviceId: RuleSetFields.serviceId.optional(),
    mode: RuleSetFields.mode.optional(),
    isEnabled: RuleSetFields.isEnabled.optional(),
    rules: RuleSetFields.rules.optional(),
    version: z.number().int().positive().optional(),
  })
  .strict();
export type UpdateTriageRuleSetBody = z.infer<typeof UpdateTriageRuleSetBody>;

/** Body of `POST /triage-rules/order`: every rule set's id, in the order they run. */
export const TriageRuleSetOrderBody = z.object({ ids: z.array(Id).max(500) });

/** Body of `POST /triage-rules/:id/rules/order`: the set's rule ids in their new order. */
export const TriageRuleOrderBody = z.object({
  ruleIds: z.array(z.number().int().positive()).max(100),
  version: z.number().int().positive().optional(),
});

/** One saved version of a rule set. */
export const TriageRuleSetVersion = z.object({
  version: z.number(),
  name: z.string(),
  mode: z.enum(TRIAGE_MODES),
  serviceId: z.number().nullable(),
  isEnabled: z.boolean(),
  rules: z.array(TriageRule),
  savedAt: Timestamp,
  savedBy: z.object({ id: z.number(), name: z.string() }).nullable(),
});
export const TriageRuleSetVersionList = z.object({ items: z.array(TriageRuleSetVersion) });

/** Body of `POST /triage-rules/dry-run`: a draft set (replacing the saved one with `id`). */
export const TriageDryRunBody = z.object({
  ruleSet: CreateTriageRuleSetBody.extend({ id: Id.optional() }),
  limit: z.number().int().min(1).max(500).default(50),
});
export type TriageDryRunBody = z.infer<typeof TriageDryRunBody>;

/** A field a rule changed: before and after. */
const Change = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });

/** One rule that matched, and what it changed. */
export const TriageMatchView = z.object({
  ruleSetId: z.number().nullable(),
  ruleSetName: z.string(),
  ruleId: z.number(),
  ruleName: z.string(),
  isDraft: z.boolean(),
  changes: z.array(Change),
  suppressed: z.boolean(),
  /** What it did, in words. */
  summary: z.string(),
});

/** What the rules made (or would make) of one incident. */
export const TriageOutcomeView = z.object({
  suppressed: z.boolean(),
  severity: z.enum(SEVERITIES),
  impact: z.enum(LEVELS),
  urgency: z.enum(LEVELS),
  priority: z.enum(PRIORITIES),
  category: z.string().nullable(),
  tags: z.array(z.string()),
  responsePlanIds: z.array(z.number()),
  escalationPolicyId: z.number().nullable(),
});
export type TriageOutcomeView = z.infer<typeof TriageOutcomeView>;

/** One stored alert or report incident, evaluated. */
export const TriageDryRunItem = z.object({
  kind: z.enum(['alert', 'report']),
  id: z.number(),
  /** The alert's dedup key or the incident's reference. */
  ref: z.string(),
  at: Timestamp,
  summary: z.string(),
  service: z.object({ id: z.number(), name: z.string() }).nullable(),
  severity: z.enum(ALERT_SEVERITIES).nullable(),
  matches: z.array(TriageMatchView),
  outcome: TriageOutcomeView,
  /** What the saved rules make of it, for comparison. */
  current: TriageOutcomeView,
  isChanged: z.boolean(),
});
export type TriageDryRunItem = z.infer<typeof TriageDryRunItem>;

export const TriageDryRunResult = z.object({
  items: z.array(TriageDryRunItem),
  /** How many items each rule of the draft matched, by rule id. */
  ruleHits: z.array(z.object({ ruleId: z.number(), ruleName: z.string(), hits: z.number() })),
});
export type TriageDryRunResult = z.infer<typeof TriageDryRunResult>;
