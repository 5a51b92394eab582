import { DAY_MS } from './calendar.js';
import { EXCLUDED_STATUSES } from './measures.js';

/** A follow-up as its rollups count it. */
export interface MetricFollowUp {
  id: number;
  /** open, in_progress, done or wont_do. */
  state: string;
  dueAt: number;
  incidentIds: readonly number[];
}

/** A linked incident: whether it counts, and what the filters look at. */
export interface LinkedIncident {
  status: string;
  severity: string;
  category: string | null;
  serviceIds: readonly number[];
}

/** Follow-ups due on one day in one scope whose counted linked incidents have `matches`. */
export interface FollowUpCell {
  day: number;
  scope: 'all' | 'service' | 'team';
  scopeId: number;
  /** Sorted distinct [severity, category] pairs (category '' for none); empty: linked to none. */
  matches: Array<[string, string]>;
  open: number;
  inProgress: number;
  done: number;
  wontDo: number;
}

type StateCounts = Pick<FollowUpCell, 'open' | 'inProgress' | 'done' | 'wontDo'>;

const STATE_COLUMN: Record<string, keyof StateCounts> = {
  open: 'open',
  in_progress: 'inProgress',
  done: 'done',
  wont_do: 'wontDo',
};

/** The key a cell's `matches` is stored under. */
export function matchesKey(matches: ReadonlyArray<readonly [string, string]>): string {
  return JSON.stringify(matches);
}

/**
 * The follow-up cells of some follow-ups by due day: every follow-up in scope `all` under the
 * pairs of all its counted linked incidents (merged, declined and triage ones are not), and in
 * each service (team) one of those incidents affects (whose owner) under the pairs of the
 * incidents there. A filtered read counts a follow-up when one pair passes its filters.
 */
export function summarizeFollowUpCells(
  followUps: readonly MetricFollowUp[],
  incidents: ReadonlyMap<number, LinkedIncident>,
  teamOf: ReadonlyMap<number, number | null>,
): FollowUpCell[] {
  const cells = new Map<string, FollowUpCell>();
  for (const followUp of followUps) {
    const column = STATE_COLUMN[followUp.state];
    if (column === undefined) continue;
    const day = Math.floor(followUp.dueAt / DAY_MS);
    const scopes = new Map<string, { scope: FollowUpCell['scope']; scopeId: number; pairs: Set<string> }>();
    const pairsOf = (scope: FollowUpCell['scope'], scopeId: number) => {
      const key = `${scope}|${String(scopeId)}`;
      let entry = scopes.get(key);
      if (!entry) scopes.set(key, (entry = { scope, scopeId, pairs: new Set() }));
      return entry.pairs;
    };
    pairsOf('all', 0);
    for (const incidentId of followUp.incidentIds) {
      const incident = incidents.get(incidentId);
      if (!incident || EXCLUDED_STATUSES.includes(incident.status)) continue;
      const pair = JSON.stringify([incident.severity, incident.category ?? '']);
      pairsOf('all', 0).add(pair);
      for (const serviceId of incident.serviceIds) {
        pairsOf('service', serviceId).add(pair);
        const teamId = teamOf.get(serviceId) ?? null;
        if (teamId !== null) pairsOf('team', teamId).add(pair);
      }
    }
    for (const { scope, scopeId, pairs } of scopes.values()) {
      const matches = [...pairs].sort().map((pair) => JSON.parse(pair) as [string, string]);
      const key = `${scope}|${String(scopeId)}|${String(day)}|${matchesKey(matches)}`;
      let cell = cells.get(key);
      if (!cell)
        cells.set(key, (cell = { day, scope, scopeId, matches, open: 0, inProgress: 0, done: 0, wontDo: 0 }));
      cell[column] += 1;
    }
  }
  return [...cells.values()];
}

/**
 * Whether follow-ups with these pairs pass a severity and category filter (empty lists: no
 * filter): one pair must pass both. With no filter every follow-up counts, linked or not.
 */
export function passesFilters(
  matches: ReadonlyArray<readonly [string, string]>,
  severities: readonly string[],
  categories: readonly string[],
): boolean {
  if (severities.length === 0 && categories.length === 0) return true;
  return matches.some(
    ([severity, category]) =>
      (severities.length === 0 || severities.includes(severity)) &&
      (categories.length === 0 || categories.includes(category)),
  );
}
