import {
  type ClaimKind,
  claimDueChecks,
  findCheck,
  finishCheckRun,
  insertCheckResult,
} from '../../store/queries/checks.js';
import type { AppContext } from '../context.js';
import { sendCheckAlert } from './check-alerts.js';
import { type ParsedCheck, parseCheck } from './check-config.js';
import { type ProbeResult, nextCheckState } from './check-state.js';

/**
 * Lease up to `limit` due checks to `owner` (this process): HTTP and TCP checks to probe,
 * or heartbeats silent past their deadline. Each due check goes to one process only.
 */
export async function claimChecks(
  ctx: AppContext,
  kind: ClaimKind,
  owner: string,
  limit: number,
): Promise<ParsedCheck[]> {
  if (limit <= 0) return [];
  const rows = await claimDueChecks(ctx.store.db, {
    kind,
    owner,
    now: ctx.clock.now(),
    limit,
  });
  return rows.map((row) => parseCheck(row));
}

/**
 * Record a leased run: the result row and the check's new state in one transaction, the
 * lease released. A move to down or back up goes through the alert pipeline first, so a
 * crash in between repeats the (deduplicated) alert instead of losing it. When the check
 * changed hands meanwhile (deleted, paused, pinged), nothing is written and a trigger just
 * sent is taken back unless the check is still down.
 */
export async function recordCheckRun(
  ctx: AppContext,
  check: ParsedCheck,
  owner: string,
  result: ProbeResult,
  startedAt: number,
): Promise<boolean> {
  const next = nextCheckState(check, result.isUp, startedAt);
  if (next.alert) await sendCheckAlert(ctx, check, next.alert, result);
  const isWritten = await ctx.store.transaction(async (tx) => {
    const isMine = await finishCheckRun(
      tx,
      check.id,
      owner,
      {
        status: next.status,
        consecutive_failures: next.consecutiveFailures,
        next_run_at: next.nextRunAt,
        last_checked_at: startedAt,
        last_message: result.message,
      },
      // A ping that arrived while this heartbeat was being marked silent wins.
      check.type === 'heartbeat' ? { stillDueAt: startedAt } : {},
    );
    if (!isMine) return false;
    await insertCheckResult(tx, {
      check_id: check.id,
      at: startedAt,
      is_up: result.isUp,
      latency_ms: result.latencyMs === null ? null : Math.round(result.latencyMs),
      message: result.message,
    });
    return true;
  });
  if (!isWritten && next.alert === 'trigger') {
    const current = await findCheck(ctx.store.db, check.id);
    if (current?.status !== 'down') await sendCheckAlert(ctx, check, 'resolve', null);
  }
  return isWritten;
}
