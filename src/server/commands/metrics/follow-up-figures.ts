import { EXCLUDED_STATUSES } from '../../../core/metrics/measures.js';
import type { FollowUpFigures } from '../../../core/schemas/metrics.js';
import type { MetricScope } from '../../store/queries/metric-rollups.js';
import { followUpsByState } from '../../store/queries/metrics.js';
import type { AppContext } from '../context.js';

/** What the follow-up figures count: due in `[from, to)` (milliseconds), within the filters. */
export interface FollowUpPeriod {
  from: number;
  to: number;
  scope: MetricScope;
  severities: readonly string[];
  /** '' for incidents without a category. */
  categories: readonly string[];
}

/**
 * Follow-up completion of a period: of the follow-ups due in it and not dropped (won't do),
 * how many are done and how many are open or in progress past their due date now.
 */
export async function followUpFigures(ctx: AppContext, period: FollowUpPeriod): Promise<FollowUpFigures> {
  const rows = await followUpsByState(ctx.store.db, {
    from: period.from,
    to: period.to,
    now: ctx.clock.now(),
    excludedStatuses: EXCLUDED_STATUSES,
    ...(period.scope.kind === 'service' ? { serviceId: period.scope.id } : {}),
    ...(period.scope.kind === 'team' ? { teamId: period.scope.id } : {}),
    severities: period.severities,
    categories: period.categories,
  });
  const of = (state: string) => rows.find((row) => row.state === state);
  const byState = {
    open: of('open')?.count ?? 0,
    inProgress: of('in_progress')?.count ?? 0,
    done: of('done')?.count ?? 0,
    wontDo: of('wont_do')?.count ?? 0,
  };
  const total = byState.open + byState.inProgress + byState.done;
  const overdue = (of('open')?.pastDue ?? 0) + (of('in_progress')?.pastDue ?? 0);
  const rate = (count: number) => (total === 0 ? null : count / total);
  return {
    total,
    done: byState.done,
    completionRate: rate(byState.done),
    overdue,
    overdueRate: rate(overdue),
    byState,
  };
}
