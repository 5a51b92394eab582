import type { Incident } from '../core/schemas/incident.js';
import type { TimelineEntry } from '../core/schemas/timeline.js';
import { type Column, formatAge, formatFields, formatTable } from './format-table.js';

/** Columns of the incident list. */
export function incidentColumns(now: number = Date.now()): Column<Incident>[] {
  return [
    { header: 'REF', value: (i) => i.ref },
    { header: 'STATUS', value: (i) => i.status },
    { header: 'SEV', value: (i) => i.severity },
    { header: 'PRI', value: (i) => i.priority },
    { header: 'TITLE', value: (i) => i.title, maxWidth: 60 },
    { header: 'AGE', value: (i) => formatAge(i.startedAt, now), align: 'right' },
  ];
}

/** The incident list as a table, or a short line when there is nothing to show. */
export function formatIncidentList(items: readonly Incident[], now: number = Date.now()): string {
  return items.length === 0 ? 'no incidents match' : formatTable(items, incidentColumns(now));
}

/** Every field of one incident, one per line. */
export function formatIncidentDetails(incident: Incident, now: number = Date.now()): string {
  return formatFields([
    ['Ref', incident.ref],
    ['Title', incident.title],
    ['Status', incident.status],
    ['Severity', incident.severity],
    ['Priority', `${incident.priority} (impact ${incident.impact}, urgency ${incident.urgency})`],
    ['Services', incident.services.map((s) => s.name).join(', ')],
    ['Commander', incident.commander ? `${incident.commander.name} <${incident.commander.email}>` : null],
    ['Tags', incident.tags.join(', ')],
    ['Started', `${incident.startedAt} (${formatAge(incident.startedAt, now)} ago)`],
    ['Acknowledged', incident.acknowledgedAt],
    ['Resolved', incident.resolvedAt],
    ['Closed', incident.closedAt],
    ['Merged into', incident.mergedInto?.ref],
    ['Summary', incident.summary],
    ['Resolution', incident.resolutionSummary],
    ['Root cause', incident.rootCause],
  ]);
}

function show(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function describeEntry(entry: TimelineEntry): string {
  const changes = Object.entries(entry.changes ?? {}).map(
    ([field, { before, after }]) => `${field}: ${before === null ? '' : `${show(before)} → `}${show(after)}`,
  );
  return [entry.body ?? '', changes.join(', ')].filter((part) => part !== '').join(' — ');
}

/** An incident's timeline as a table: when, who, what. */
export function formatTimeline(items: readonly TimelineEntry[]): string {
  if (items.length === 0) return 'no timeline entries';
  return formatTable(items, [
    { header: 'AT', value: (e) => e.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z') },
    { header: 'BY', value: (e) => e.actor.name, maxWidth: 24 },
    { header: 'WHAT', value: (e) => e.kind },
    { header: 'DETAIL', value: describeEntry, maxWidth: 80 },
  ]);
}
