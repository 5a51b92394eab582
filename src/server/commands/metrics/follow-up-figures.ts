import { DAY_MS, dayOf } from '../../../core/metrics/calendar.js';
import { passesFilters } from '../../../core/metrics/follow-up-cells.js';
import { EXCLUDED_STATUSES } from '../../../core/metrics/measures.js';
import type { FollowUpFigures } from '../../../core/schemas/metrics.js';
import { followUpIdsAfter, readLoadRollupState, sumFollowUpDays } from '../../store/queries/load-rollups.js';
import type { MetricScope } from '../../store/queries/metric-rollups.js';
import { type FollowUpFilter, followUpsByState } from '../../store/queries/metrics.js';
import type { AppContext } from '../context.js';

/** What the follow-up figures count: due on days `[fromDay, toDay]`, within the filters. */
export interface FollowUpPeriod {
  fromDay: number;
  toDay: number;
  scope: MetricScope;
  severities: readonly string[];
  /** '' for incidents without a category. */
  categories: readonly string[];
}

interface Counts {
  open: number;
  inProgress: number;
  done: number;
  wontDo: number;
  overdue: number;
}

/**
 * Follow-up completion of a period: of the follow-ups due in it and not dropped (won't do),
 * how many are done and how many are open or in progress past their due date now. Read from
 * the per-day rollups (due before today: overdue when open), with today's due times and the
 * follow-ups created since the last refresh looked up here.
 */
export async function followUpFigures(ctx: AppContext, period: FollowUpPeriod): Promise<FollowUpFigures> {
  const db = ctx.store.db;
  const now = ctx.clock.now();
  const today = dayOf(now);
  const state = await readLoadRollupState(db);
  const through = state && state.loadWatermark > 0 ? state.followUpsThrough : 0;
  const counts: Counts = { open: 0, inProgress: 0, done: 0, wontDo: 0, overdue: 0 };
  if (through > 0)
    for (const sums of await sumFollowUpDays(db, period.scope, period.fromDay, period.toDay, today)) {
      if (!passesFilters(sums.matches, period.severities, period.categories)) continue;
      counts.open += sums.open;
      counts.inProgress += sums.inProgress;
      counts.done += sums.done;
      counts.wontDo += sums.wontDo;
      counts.overdue += sums.pastDue;
    }
  const live = (range: Pick<FollowUpFilter, 'from' | 'to' | 'ids' | 'throughId'>) =>
    followUpsByState(db, {
      ...range,
      now,
      excludedStatuses: EXCLUDED_STATUSES,
      ...(period.scope.kind === 'service' ? { serviceId: period.scope.id } : {}),
      ...(period.scope.kind === 'team' ? { teamId: period.scope.id } : {}),
      severities: period.severities,
      categories: period.categories,
    });
  // Today's counted follow-ups are overdue only once their due time has passed.
  if (through > 0 && today >= period.fromDay && today <= period.toDay)
    for (const row of await live({ from: today * DAY_MS, to: (today + 1) * DAY_MS, throughId: through }))
      if (row.state === 'open' || row.state === 'in_progress') counts.overdue += row.pastDue;
  const newer = await followUpIdsAfter(db, through);
  if (newer.length > 0)
    for (const row of await live({
      from: period.fromDay * DAY_MS,
      to: (period.toDay + 1) * DAY_MS,
      ids: newer,
    })) {
      if (row.state === 'open') counts.open += row.count;
      else if (row.state === 'in_progress') counts.inProgress += row.count;
      else if (row.state === 'done') counts.done += row.count;
      else if (row.state === 'wont_do') counts.wontDo += row.count;
      if (row.state === 'open' || row.state === 'in_progress') counts.overdue += row.pastDue;
    }
  const total = counts.open + counts.inProgress + counts.done;
  const rate = (count: number) => (total === 0 ? null : count / total);
  return {
    total,
    done: counts.done,
    completionRate: rate(counts.done),
    overdue: counts.overdue,
    overdueRate: rate(counts.overdue),
    byState: { open: counts.open, inProgress: counts.inProgress, done: counts.done, wontDo: counts.wontDo },
  };
}
