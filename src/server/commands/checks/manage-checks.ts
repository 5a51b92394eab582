import { randomBytes } from 'node:crypto';
import { NotFoundError } from '../../../core/errors.js';
import type { Check, CreateCheckBody, UpdateCheckBody } from '../../../core/schemas/checks.js';
import { appendAudit } from '../../store/queries/audit.js';
import {
  type CheckChanges,
  deleteCheck,
  findCheck,
  insertCheck,
  listChecks,
  updateCheck as updateCheckRow,
} from '../../store/queries/checks.js';
import { findServiceById } from '../../store/queries/services.js';
import type { AppContext, Caller } from '../context.js';
import { sendCheckAlert } from './check-alerts.js';
import { type CheckSpec, type ParsedCheck, parseCheck, patchCheckConfig } from './check-config.js';
import { assertCheckTarget } from './check-target.js';
import { type CheckViewer, viewCheck } from './check-view.js';

/** How long a heartbeat may stay silent: its interval plus its grace. */
function silenceAllowedMs(spec: CheckSpec, intervalSeconds: number): number {
  return (intervalSeconds + (spec.type === 'heartbeat' ? spec.config.graceSeconds : 0)) * 1000;
}

/** Checks of a service (or all), by id. */
export async function getChecks(ctx: AppContext, viewer: CheckViewer, serviceId?: number): Promise<Check[]> {
  const rows = await listChecks(ctx.store.db, serviceId);
  return rows.map((row) => viewCheck(row, viewer));
}

/** One check, or 404. */
export async function getCheck(ctx: AppContext, viewer: CheckViewer, id: number): Promise<Check> {
  const row = await findCheck(ctx.store.db, id);
  if (!row) throw new NotFoundError(`check ${id}`);
  return viewCheck(row, viewer);
}

/**
 * Add a check to a service. HTTP and TCP checks run at once; a heartbeat gets its secret
 * token and must be pinged within its interval plus grace. Audited.
 */
export async function createCheck(
  ctx: AppContext,
  caller: Caller,
  serviceId: number,
  body: CreateCheckBody,
  viewer: CheckViewer,
): Promise<Check> {
  assertCheckTarget(ctx, caller, body);
  const now = ctx.clock.now();
  const id = await ctx.store.transaction(async (tx) => {
    if (!(await findServiceById(tx, serviceId))) throw new NotFoundError(`service ${serviceId}`);
    const id = await insertCheck(tx, {
      service_id: serviceId,
      name: body.name,
      type: body.type,
      config: body.config,
      interval_seconds: body.intervalSeconds,
      timeout_ms: body.timeoutMs,
      retries: body.retries,
      heartbeat_token: body.type === 'heartbeat' ? randomBytes(16).toString('hex') : null,
      status: 'pending',
      consecutive_failures: 0,
      last_checked_at: null,
      last_ping_at: null,
      last_message: null,
      next_run_at: now + (body.type === 'heartbeat' ? silenceAllowedMs(body, body.intervalSeconds) : 0),
      lease_owner: null,
      lease_expires_at: null,
      paused_at: null,
      created_at: now,
      updated_at: now,
    });
    await appendAudit(tx, {
      at: now,
      actorId: caller.userId,
      action: 'check.create',
      targetType: 'check',
      targetId: id,
      data: { serviceId, type: body.type, name: body.name },
    });
    return id;
  });
  return getCheck(ctx, viewer, id);
}

/** The row changes a PATCH makes, including when the check runs next. */
function changesFor(check: ParsedCheck, body: UpdateCheckBody, now: number): CheckChanges {
  const config = body.config ? patchCheckConfig(check.type, check.config, body.config) : check.config;
  const spec = { type: check.type, config } as CheckSpec;
  const interval = body.intervalSeconds ?? check.interval_seconds;
  const changes: CheckChanges = {
    updated_at: now,
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.intervalSeconds !== undefined ? { interval_seconds: body.intervalSeconds } : {}),
    ...(body.timeoutMs !== undefined ? { timeout_ms: body.timeoutMs } : {}),
    ...(body.retries !== undefined ? { retries: body.retries } : {}),
    ...(body.config ? { config } : {}),
  };
  const isHeartbeat = check.type === 'heartbeat';
  const wasPaused = check.paused_at !== null;
  if (body.paused === true && !wasPaused) {
    return { ...changes, paused_at: now, status: 'paused', consecutive_failures: 0 };
  }
  if (body.paused === false && wasPaused) {
    // Resumed: a probe runs at once; a heartbeat gets a full window from now.
    const next = now + (isHeartbeat ? silenceAllowedMs(spec, interval) : 0);
    return {
      ...changes,
      paused_at: null,
      status: 'pending',
      consecutive_failures: 0,
      next_run_at: next,
      // A run still in flight from before the pause is void.
      lease_owner: null,
      lease_expires_at: null,
    };
  }
  const isRescheduled =
    body.intervalSeconds !== undefined || body.timeoutMs !== undefined || body.config !== undefined;
  if (wasPaused || !isRescheduled || check.status === 'down') return changes;
  // New settings: a probe tries them at once; a heartbeat's deadline keeps its window start.
  const next = isHeartbeat
    ? check.next_run_at - silenceAllowedMs(check, check.interval_seconds) + silenceAllowedMs(spec, interval)
    : now;
  return { ...changes, next_run_at: next };
}

/**
 * Change a check's name, timing, settings (validated against its type) or pause it.
 * Pausing resolves its open alert: a paused check cannot recover on its own. Audited.
 */
export async function updateCheck(
  ctx: AppContext,
  caller: Caller,
  id: number,
  body: UpdateCheckBody,
  viewer: CheckViewer,
): Promise<Check> {
  const now = ctx.clock.now();
  const paused = await ctx.store.transaction(async (tx) => {
    const row = await findCheck(tx, id);
    if (!row) throw new NotFoundError(`check ${id}`);
    const check = parseCheck(row);
    if (body.config) {
      const config = patchCheckConfig(check.type, check.config, body.config);
      assertCheckTarget(ctx, caller, { type: check.type, config } as CheckSpec);
    }
    const changes = changesFor(check, body, now);
    await updateCheckRow(tx, id, changes);
    await appendAudit(tx, {
      at: now,
      actorId: caller.userId,
      action: 'check.update',
      targetType: 'check',
      targetId: id,
      data: body,
    });
    return changes.status === 'paused' ? check : null;
  });
  if (paused) await sendCheckAlert(ctx, paused, 'resolve', null);
  return getCheck(ctx, viewer, id);
}

/** Delete a check and its results, resolving its open alert first. Audited. */
export async function removeCheck(ctx: AppContext, caller: Caller, id: number): Promise<void> {
  const row = await findCheck(ctx.store.db, id);
  if (!row) throw new NotFoundError(`check ${id}`);
  await sendCheckAlert(ctx, parseCheck(row), 'resolve', null);
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    if (!(await findCheck(tx, id))) throw new NotFoundError(`check ${id}`);
    await deleteCheck(tx, id);
    await appendAudit(tx, {
      at: now,
      actorId: caller.userId,
      action: 'check.delete',
      targetType: 'check',
      targetId: id,
      data: { name: row.name, type: row.type },
    });
  });
}
