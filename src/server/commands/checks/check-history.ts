import { NotFoundError } from '../../../core/errors.js';
import type { CheckResult, UptimeDay } from '../../../core/schemas/checks.js';
import {
  dailyRunCounts,
  findCheck,
  listCheckIds,
  listCheckResults,
  pruneCheckResults,
} from '../../store/queries/checks.js';
import { type AppContext, iso } from '../context.js';

const DAY_MS = 86_400_000;
/** How long check results are kept. */
export const RESULT_RETENTION_DAYS = 90;

async function assertCheck(ctx: AppContext, id: number): Promise<void> {
  if (!(await findCheck(ctx.store.db, id))) throw new NotFoundError(`check ${id}`);
}

/** Runs of a check, newest first, within [from, to). */
export async function getCheckResults(
  ctx: AppContext,
  id: number,
  range: { from?: number; to?: number; limit: number },
): Promise<CheckResult[]> {
  await assertCheck(ctx, id);
  const rows = await listCheckResults(ctx.store.db, id, range);
  return rows.map((row) => ({
    at: iso(row.at),
    isUp: row.is_up,
    latencyMs: row.latency_ms,
    message: row.message,
  }));
}

/** Uptime per UTC day over the last `days` days including today, oldest first. */
export async function getCheckUptime(ctx: AppContext, id: number, days: number): Promise<UptimeDay[]> {
  await assertCheck(ctx, id);
  const today = Math.floor(ctx.clock.now() / DAY_MS);
  const first = today - days + 1;
  const counts = await dailyRunCounts(ctx.store.db, id, first * DAY_MS, (today + 1) * DAY_MS);
  const byDay = new Map(counts.map((c) => [c.day, c]));
  return Array.from({ length: days }, (_, i) => {
    const day = first + i;
    const count = byDay.get(day);
    const runs = count?.runs ?? 0;
    return {
      date: new Date(day * DAY_MS).toISOString().slice(0, 10),
      uptimePercent: count && runs > 0 ? Math.round((count.up / runs) * 10_000) / 100 : null,
      runs,
    };
  });
}

/**
 * Delete results older than the retention, at most `perCheck` rows of each check per call
 * (each an index range), so one call stays short however far behind it is. Returns how many.
 */
export async function pruneOldCheckResults(ctx: AppContext, perCheck = 1000): Promise<number> {
  const before = ctx.clock.now() - RESULT_RETENTION_DAYS * DAY_MS;
  let pruned = 0;
  for (const id of await listCheckIds(ctx.store.db)) {
    pruned += await pruneCheckResults(ctx.store.db, id, before, perCheck);
  }
  return pruned;
}
