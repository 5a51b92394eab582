import type { AlertSeverity } from '../alerts/alert-event.js';
import { matchesLabelRegex } from '../alerts/label-regex.js';
import type { TriageCondition } from '../schemas/triage.js';

/** What the triage rules look at: a new alert, or the reports that opened a triage incident. */
export interface TriageSubject {
  kind: 'alert' | 'report';
  /** The alert's service; a report incident has none. */
  serviceIds: readonly number[];
  /** Integration type (`alertmanager`…), `check`, or `report`. */
  source: string;
  /** The alert's severity; null for reports. */
  severity: AlertSeverity | null;
  summary: string;
  labels: Readonly<Record<string, string>>;
  /** Alertmanager annotations, or a source's details that are text. */
  annotations: Readonly<Record<string, string>>;
  /** The customer reports' messages ('' for alerts). */
  reportText: string;
}

/** The text details of an alert: annotations for Alertmanager, string fields for others. */
export function textDetails(details: Readonly<Record<string, unknown>>): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(details)) {
    if (typeof value === 'string') text[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') text[name] = String(value);
  }
  return text;
}

/** The value a condition compares, or undefined when the subject does not have it. */
function valueOf(condition: TriageCondition, subject: TriageSubject): string | undefined {
  switch (condition.field) {
    case 'label':
      return subject.labels[condition.name];
    case 'annotation':
      return subject.annotations[condition.name];
    case 'source':
      return subject.source;
    case 'service':
      return undefined;
    case 'severity':
      return subject.severity ?? undefined;
    case 'summary':
      return subject.summary;
    case 'report_text':
      return subject.kind === 'report' ? subject.reportText : undefined;
  }
}

/**
 * Whether one condition holds. A missing value reads as empty text (as Alertmanager's
 * matchers read a missing label), so `not_equals` holds for it and `exists` does not;
 * `contains` ignores case; `regex` is RE2, anchored at both ends.
 */
export function conditionHolds(condition: TriageCondition, subject: TriageSubject): boolean {
  if (condition.field === 'service') {
    const isIn = subject.serviceIds.includes(Number(condition.value));
    return condition.op === 'not_equals' ? !isIn : isIn;
  }
  const found = valueOf(condition, subject);
  const value = found ?? '';
  switch (condition.op) {
    case 'exists':
      return found !== undefined && found !== '';
    case 'equals':
      return value === condition.value;
    case 'not_equals':
      return value !== condition.value;
    case 'contains':
      return value.toLowerCase().includes(condition.value.toLowerCase());
    case 'regex':
      return matchesLabelRegex(condition.value, value, { isDotAll: condition.field === 'report_text' });
  }
}
