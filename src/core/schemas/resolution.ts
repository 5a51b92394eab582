import { z } from 'zod';
import { SEVERITIES, type Severity } from '../priority.js';
import { TEXT_LIMITS } from '../text/limits.js';
import { Timestamp } from './common.js';

/** The fields of an incident's resolution record, as the API names them. */
export const RESOLUTION_FIELDS = [
  'resolutionSummary',
  'rootCauseCategory',
  'rootCause',
  'contributingFactors',
  'fix',
  'workaround',
  'customerImpact',
  'customersAffected',
  'impactEndedAt',
] as const;
export type ResolutionField = (typeof RESOLUTION_FIELDS)[number];

/** How each field is named in a sentence ("Root cause category is required to close"). */
export const RESOLUTION_FIELD_LABELS: Record<ResolutionField, string> = {
  resolutionSummary: 'Resolution summary',
  rootCauseCategory: 'Root cause category',
  rootCause: 'Root cause',
  contributingFactors: 'Contributing factors',
  fix: 'Fix',
  workaround: 'Workaround',
  customerImpact: 'Customer impact',
  customersAffected: 'Customers affected',
  impactEndedAt: 'Impact ended at',
};

/** Root-cause categories a new workspace starts with. */
export const DEFAULT_ROOT_CAUSE_CATEGORIES = [
  'deployment/change',
  'configuration',
  'capacity',
  'dependency/third party',
  'hardware/infrastructure',
  'software bug',
  'security',
  'human error',
  'unknown',
];

const FieldList = z.array(z.enum(RESOLUTION_FIELDS)).max(RESOLUTION_FIELDS.length);

/** What resolving and closing an incident of one severity require. */
export const SeverityRequirements = z.object({ resolve: FieldList, close: FieldList });
export type SeverityRequirements = z.infer<typeof SeverityRequirements>;

const Category = z.string().trim().min(1, 'must not be empty').max(64);

/** The resolution and follow-up settings (admins). */
export const ResolutionSettings = z.object({
  rootCauseCategories: z
    .array(Category)
    .min(1, 'must list at least one category')
    .max(50)
    .refine((list) => new Set(list).size === list.length, 'must not name a category twice'),
  requirements: z.object(
    Object.fromEntries(SEVERITIES.map((severity) => [severity, SeverityRequirements])) as Record<
      Severity,
      typeof SeverityRequirements
    >,
  ),
  /** Days after resolution an incident closes by itself when nothing is missing; 0: never. */
  autoCloseDays: z.number().int().min(0).max(365),
  /** Days between reminders to the owner of an overdue follow-up; 0: no reminders. */
  followUpReminderDays: z.number().int().min(0).max(90),
});
export type ResolutionSettings = z.infer<typeof ResolutionSettings>;

/** Body of `PUT /settings/resolution`: any part; severities left out keep their requirements. */
export const ResolutionSettingsPatch = ResolutionSettings.extend({
  requirements: z.object(
    Object.fromEntries(SEVERITIES.map((severity) => [severity, SeverityRequirements.optional()])) as Record<
      Severity,
      z.ZodOptional<typeof SeverityRequirements>
    >,
  ),
})
  .partial()
  .strict();
export type ResolutionSettingsPatch = z.infer<typeof ResolutionSettingsPatch>;

/** Settings a new workspace starts with: what resolving and closing asked for before. */
export const DEFAULT_RESOLUTION_SETTINGS: ResolutionSettings = {
  rootCauseCategories: DEFAULT_ROOT_CAUSE_CATEGORIES,
  requirements: Object.fromEntries(
    SEVERITIES.map((severity) => [
      severity,
      { resolve: ['resolutionSummary'], close: ['resolutionSummary', 'rootCause'] },
    ]),
  ) as Record<Severity, SeverityRequirements>,
  autoCloseDays: 0,
  followUpReminderDays: 1,
};

const LongText = z.string().max(TEXT_LIMITS.longText);

/** The editable fields of a resolution record; null clears one. */
export const ResolutionFields = z.object({
  resolutionSummary: LongText.nullable().optional(),
  rootCauseCategory: Category.nullable().optional(),
  rootCause: LongText.nullable().optional(),
  contributingFactors: LongText.nullable().optional(),
  fix: LongText.nullable().optional(),
  workaround: LongText.nullable().optional(),
  customerImpact: LongText.nullable().optional(),
  customersAffected: z.number().int().min(0).max(2_000_000_000).nullable().optional(),
  impactEndedAt: Timestamp.nullable().optional(),
});
export type ResolutionFields = z.infer<typeof ResolutionFields>;

/** Body of `PUT /incidents/:ref/resolution`: the fields to change, guarded by the incident's version. */
export const UpdateResolutionBody = ResolutionFields.extend({
  version: z.number().int().positive().optional(),
}).strict();
export type UpdateResolutionBody = z.infer<typeof UpdateResolutionBody>;

/** A field missing for the next step, in the words of the problem it would cause. */
export const MissingField = z.object({ field: z.string(), message: z.string() });

/** An incident's resolution record as the API returns it. */
export const ResolutionRecord = z.object({
  incidentRef: z.string(),
  severity: z.string(),
  status: z.string(),
  resolutionSummary: z.string().nullable(),
  rootCauseCategory: z.string().nullable(),
  rootCause: z.string().nullable(),
  contributingFactors: z.string().nullable(),
  fix: z.string().nullable(),
  workaround: z.string().nullable(),
  customerImpact: z.string().nullable(),
  customersAffected: z.number().nullable(),
  impactEndedAt: Timestamp.nullable(),
  /** Derived: the impact's start (the incident's) to its end, in whole minutes; null while it lasts. */
  impactMinutes: z.number().nullable(),
  /** Derived: customer reports linked to the incident. */
  reportsLinked: z.number(),
  /** Follow-up actions still to do. */
  openFollowUps: z.number(),
  /** What resolving and closing this incident's severity require, and what is still missing. */
  required: z.object({
    resolve: z.array(z.enum(RESOLUTION_FIELDS)),
    close: z.array(z.enum(RESOLUTION_FIELDS)),
  }),
  missingToResolve: z.array(MissingField),
  missingToClose: z.array(MissingField),
  /** Auto-close: when the incident closes by itself, or why it did not. */
  autoClose: z
    .object({
      dueAt: Timestamp.nullable(),
      blockedReason: z.string().nullable(),
      checkedAt: Timestamp.nullable(),
    })
    .nullable(),
  version: z.number(),
});
export type ResolutionRecord = z.infer<typeof ResolutionRecord>;
