import { findCheckByToken, insertCheckResult, recordPing, updateCheck } from '../../store/queries/checks.js';
import type { AppContext } from '../context.js';
import { sendCheckAlert } from './check-alerts.js';
import { type ParsedCheck, parseCheck } from './check-config.js';
import type { ProbeResult } from './check-state.js';
import { claimChecks, recordCheckRun } from './run-checks.js';

const TOKEN = /^[0-9a-f]{32}$/;
/** Pings closer together than this update the check but add no result row. */
const MIN_RESULT_GAP_MS = 10_000;
const PING: ProbeResult = { isUp: true, latencyMs: null, message: 'ping received' };

type Heartbeat = Extract<ParsedCheck, { type: 'heartbeat' }>;

function silenceAllowedMs(check: Heartbeat): number {
  return (check.interval_seconds + check.config.graceSeconds) * 1000;
}

/** "45 s", "12 min", "3 h", "2 days". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 120 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

/** Write a ping; false when nothing was written (paused, or down with `onlyIfNotDown`). */
function writePing(ctx: AppContext, check: Heartbeat, now: number, onlyIfNotDown: boolean): Promise<boolean> {
  const isRecorded =
    check.status !== 'up' || check.last_ping_at === null || now - check.last_ping_at >= MIN_RESULT_GAP_MS;
  return ctx.store.transaction(async (tx) => {
    const changes = {
      last_ping_at: now,
      last_checked_at: now,
      last_message: PING.message,
      status: 'up',
      consecutive_failures: 0,
      next_run_at: now + silenceAllowedMs(check),
    };
    if (!(await recordPing(tx, check.id, changes, { onlyIfNotDown }))) return false;
    if (isRecorded) {
      await insertCheckResult(tx, {
        check_id: check.id,
        at: now,
        is_up: true,
        latency_ms: null,
        message: PING.message,
      });
    }
    return true;
  });
}

/**
 * A heartbeat ping: the check is up until its interval plus grace passes without another;
 * a ping to a down check resolves its alert. False when no heartbeat has this token.
 */
export async function pingHeartbeat(ctx: AppContext, token: string): Promise<boolean> {
  if (!TOKEN.test(token)) return false;
  const row = await findCheckByToken(ctx.store.db, token);
  if (!row) return false;
  const check = parseCheck(row);
  if (check.type !== 'heartbeat') return false;
  const now = ctx.clock.now();
  if (check.paused_at === null && (await writePing(ctx, check, now, true))) return true;
  const current = await findCheckByToken(ctx.store.db, token);
  if (current && current.paused_at === null) {
    // Down: resolve first, so a crash in between leaves it down and the next ping resolves.
    await sendCheckAlert(ctx, check, 'resolve', PING);
    await writePing(ctx, check, now, false);
  } else if (current) {
    await updateCheck(ctx.store.db, check.id, { last_ping_at: now });
  }
  return current !== undefined;
}

/**
 * Mark heartbeats silent past their interval plus grace as down (alerting once), and add a
 * failed run for every further interval without a ping. Returns how many it marked.
 */
export async function markSilentHeartbeats(ctx: AppContext, owner: string, limit = 100): Promise<number> {
  const claimed = await claimChecks(ctx, 'heartbeat', owner, limit);
  for (const check of claimed) {
    if (check.type !== 'heartbeat') continue;
    const now = ctx.clock.now();
    const expected = `expected every ${formatDuration(check.interval_seconds * 1000)} + ${formatDuration(check.config.graceSeconds * 1000)} grace`;
    const message =
      check.last_ping_at === null
        ? `no ping received yet (${expected})`
        : `no ping for ${formatDuration(now - check.last_ping_at)} (${expected})`;
    await recordCheckRun(ctx, check, owner, { isUp: false, latencyMs: null, message }, now);
  }
  return claimed.length;
}
