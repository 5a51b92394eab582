import { BeaconError, type FieldError } from '../../core/errors.js';
import type { Severity } from '../../core/priority.js';
import {
  RESOLUTION_FIELD_LABELS,
  type ResolutionField,
  type ResolutionSettings,
} from '../../core/schemas/resolution.js';
import type { IncidentRecord } from '../store/queries/incidents.js';
import type { Executor } from '../store/store.js';
import { getResolutionSettings } from './resolution/resolution-settings.js';
import { reviewGaps } from './reviews/review-requirement.js';

/** The column of the incident row that holds each resolution field. */
const COLUMN_OF: Record<ResolutionField, keyof IncidentRecord> = {
  resolutionSummary: 'resolution_summary',
  rootCauseCategory: 'root_cause_category',
  rootCause: 'root_cause',
  contributingFactors: 'contributing_factors',
  fix: 'fix',
  workaround: 'workaround',
  customerImpact: 'customer_impact',
  customersAffected: 'customers_affected',
  impactEndedAt: 'impact_ended_at',
};

/** The resolution fields of `row` among `fields` that are empty, as problems naming each. */
export function missingFields(
  row: IncidentRecord,
  fields: readonly ResolutionField[],
  step: 'resolve' | 'close',
): FieldError[] {
  return fields.flatMap((field) => {
    const value = row[COLUMN_OF[field]];
    const isEmpty = value === null || (typeof value === 'string' && value.trim() === '');
    return isEmpty ? [{ field, message: `is required to ${step}` }] : [];
  });
}

/** What resolving `row` still lacks under the settings of its severity. */
export async function resolveRequirementGaps(
  db: Executor,
  row: IncidentRecord,
  settings?: ResolutionSettings,
): Promise<FieldError[]> {
  const { requirements } = settings ?? (await getResolutionSettings(db));
  return missingFields(row, requirements[row.severity as Severity].resolve, 'resolve');
}

/**
 * Everything closing `row` still lacks: the resolution fields its severity requires and, for
 * the severities that need one, a published post-incident review. Every
 * close (by a person, or automatically) asks here, so each rule of closing lives in this one
 * function and is named in the problem and in why auto-close left an incident resolved.
 */
export async function closeRequirementGaps(
  db: Executor,
  row: IncidentRecord,
  settings?: ResolutionSettings,
): Promise<FieldError[]> {
  const { requirements } = settings ?? (await getResolutionSettings(db));
  return [
    ...missingFields(row, requirements[row.severity as Severity].close, 'close'),
    ...(await reviewGaps(db, row)),
  ];
}

/** Throw one validation problem naming every gap, or return when there is none. */
export function assertNoGaps(gaps: readonly FieldError[]): void {
  if (gaps.length === 0) return;
  const detail = gaps.map((gap) => `${gap.field}: ${gap.message}`).join('; ');
  throw new BeaconError('validation', detail, [...gaps]);
}

/** A gap in words: "Root cause is required to close". */
export function describeGap(gap: FieldError): string {
  const label = RESOLUTION_FIELD_LABELS[gap.field as ResolutionField] as string | undefined;
  return `${label ?? gap.field} ${gap.message}`;
}
