import { addLocalDays, instantToZoned, zonedToInstant } from '../oncall/zoned.js';
import type { ComponentStatus, PublicIncidentStatus, UptimeDay } from './snapshot.js';

/**
 * A component's 90-day uptime bar: days in the page's time zone (23 or 25 hours long on DST
 * change days), each with its milliseconds of partial and of major outage. Where a partial and
 * a major outage overlap, the time counts as major only. A day's uptime is the share of its
 * measured part (from when the component existed or its checks first ran, until now) without
 * any outage; a day with no measured part has none (null).
 */

/** Days the uptime bar covers. */
export const UPTIME_DAYS = 90;

export type OutageLevel = 'partial' | 'major';

/** A span of outage, [start, end) in ms. */
export interface Outage {
  start: number;
  end: number;
  level: OutageLevel;
}

/** The outage level a component status stands for, or null. */
export function outageLevelOf(status: ComponentStatus): OutageLevel | null {
  if (status === 'major_outage') return 'major';
  return status === 'partial_outage' ? 'partial' : null;
}

/** What one day bar is computed from. */
export interface UptimeInput {
  now: number;
  timeZone: string;
  /** When measuring began (the component's creation or its first check result); null: never. */
  measuredFrom: number | null;
  outages: readonly Outage[];
  days?: number;
}

/** The day bars, oldest first, ending with today in `timeZone`. */
export function uptimeDays(input: UptimeInput): UptimeDay[] {
  const count = input.days ?? UPTIME_DAYS;
  const major = union(input.outages.filter((o) => o.level === 'major'));
  const partial = subtract(union(input.outages.filter((o) => o.level === 'partial')), major);
  const today = instantToZoned(input.now, input.timeZone).date;
  const days: UptimeDay[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const date = addLocalDays(today, -back);
    const start = zonedToInstant(date, '00:00', input.timeZone);
    const end = Math.min(zonedToInstant(addLocalDays(date, 1), '00:00', input.timeZone), input.now);
    const from = input.measuredFrom === null ? end : Math.max(start, input.measuredFrom);
    const majorOutageMs = overlap(major, start, end);
    const partialOutageMs = overlap(partial, start, end);
    const measured = end - from;
    const down = overlap(major, from, end) + overlap(partial, from, end);
    days.push({
      date,
      uptime: measured > 0 ? Math.max(0, Math.min(1, 1 - down / measured)) : null,
      partialOutageMs,
      majorOutageMs,
    });
  }
  return days;
}

/** Sorted, non-overlapping spans covering the same time as `outages`. */
function union(outages: readonly Outage[]): Outage[] {
  const sorted = outages.filter((o) => o.end > o.start).sort((a, b) => a.start - b.start);
  const merged: Outage[] = [];
  for (const o of sorted) {
    const last = merged.at(-1);
    if (last && o.start <= last.end) last.end = Math.max(last.end, o.end);
    else merged.push({ ...o });
  }
  return merged;
}

/** The parts of `spans` (sorted, disjoint) outside `holes` (sorted, disjoint). */
function subtract(spans: readonly Outage[], holes: readonly Outage[]): Outage[] {
  const out: Outage[] = [];
  for (const span of spans) {
    let cursor = span.start;
    for (const hole of holes) {
      if (hole.end <= cursor || hole.start >= span.end) continue;
      if (hole.start > cursor) out.push({ ...span, start: cursor, end: hole.start });
      cursor = Math.max(cursor, hole.end);
    }
    if (cursor < span.end) out.push({ ...span, start: cursor });
  }
  return out;
}

function overlap(spans: readonly Outage[], from: number, to: number): number {
  let total = 0;
  for (const s of spans) total += Math.max(0, Math.min(s.end, to) - Math.max(s.start, from));
  return total;
}

/** One public update of an incident, as the uptime of a component reads it. */
export interface UpdateForUptime {
  at: number;
  status: PublicIncidentStatus;
  /** The status the update gave each component it named, by component id. */
  components: ReadonlyMap<number, ComponentStatus>;
}

/**
 * The outages a published incident caused a component: from an update setting it to a partial
 * or major outage until an update sets it otherwise, or the incident's `resolved` update (now
 * while the incident is not publicly resolved). `updates` oldest first.
 */
export function incidentOutages(
  updates: readonly UpdateForUptime[],
  componentId: number,
  now: number,
): Outage[] {
  const outages: Outage[] = [];
  let current: OutageLevel | null = null;
  let since = 0;
  for (const update of updates) {
    const status = update.components.get(componentId);
    let level: OutageLevel | null = null;
    if (update.status !== 'resolved') level = status === undefined ? current : outageLevelOf(status);
    if (level === current) continue;
    if (current !== null) outages.push({ start: since, end: update.at, level: current });
    current = level;
    since = update.at;
  }
  if (current !== null) outages.push({ start: since, end: now, level: current });
  return outages;
}

/** One check's state changes (oldest first) and its latest result. */
export interface CheckTransitions {
  changes: readonly { at: number; isUp: boolean }[];
  /** Whether the check still runs (not paused): a check down at its last result stays down until now. */
  isActive: boolean;
  lastAt: number;
}

/**
 * The outages a service's checks show: some checks down → partial, every check down → major.
 */
export function checkOutages(checks: readonly CheckTransitions[], now: number): Outage[] {
  const downs = checks.map((check) => checkDownSpans(check, now));
  const edges = [...new Set(downs.flat().flatMap((s) => [s.start, s.end]))].sort((a, b) => a - b);
  const outages: Outage[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const start = edges[i] as number;
    const end = edges[i + 1] as number;
    const down = downs.filter((spans) => spans.some((s) => s.start <= start && s.end >= end)).length;
    if (down === 0) continue;
    const level: OutageLevel = down >= checks.length ? 'major' : 'partial';
    const last = outages.at(-1);
    if (last && last.end === start && last.level === level) last.end = end;
    else outages.push({ start, end, level });
  }
  return outages;
}

function checkDownSpans(check: CheckTransitions, now: number): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let downSince: number | null = null;
  for (const change of check.changes) {
    if (!change.isUp && downSince === null) downSince = change.at;
    if (change.isUp && downSince !== null) {
      spans.push({ start: downSince, end: change.at });
      downSince = null;
    }
  }
  if (downSince !== null) spans.push({ start: downSince, end: check.isActive ? now : check.lastAt });
  return spans;
}
