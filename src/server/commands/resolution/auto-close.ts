import type { Actor } from '../../../core/schemas/timeline.js';
import {
  claimAutoCloseCandidates,
  clearAutoCloseBlock,
  findAutoCloseBlock,
  recordAutoCloseBlock,
} from '../../store/queries/resolution.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import type { Executor } from '../../store/store.js';
import { transitionIncident } from '../change-incident-status.js';
import { closeRequirementGaps, describeGap } from '../closure-requirements.js';
import type { AppContext } from '../context.js';
import { appendTimeline } from '../timeline.js';
import { withOpenFollowUps } from '../follow-ups/open-follow-ups.js';
import { getResolutionSettings } from './resolution-settings.js';

/** Beacon itself, as the actor of automatic closes. */
export const AUTO_CLOSE_ACTOR: Actor = { type: 'system', id: null, name: 'Beacon auto-close' };

const DAY = 86_400_000;
const CLAIM_BATCH = 50;

/** What one auto-close round did. */
export interface AutoCloseRound {
  closed: number;
  blocked: number;
}

/**
 * Close every incident resolved at least the auto-close days ago whose close requirements are
 * met; one that lacks something stays resolved and the reason is recorded (and written on its
 * timeline when it changes), to be checked again when the incident changes or a day later.
 * Claimed rows are locked until their transaction commits and others skip them, so each
 * incident is closed once, by one process, after a restart too.
 */
export async function autoCloseResolvedIncidents(ctx: AppContext): Promise<AutoCloseRound> {
  const settings = await getResolutionSettings(ctx.store.db);
  const round: AutoCloseRound = { closed: 0, blocked: 0 };
  if (settings.autoCloseDays === 0) return round;
  const now = ctx.clock.now();
  for (;;) {
    const claimed = await ctx.store.transaction(async (tx) => {
      const rows = await claimAutoCloseCandidates(tx, {
        resolvedBefore: now - settings.autoCloseDays * DAY,
        recheckBefore: now - DAY,
        limit: CLAIM_BATCH,
      });
      for (const row of rows) {
        if (await closeOrRecordWhyNot(tx, row, settings.autoCloseDays, now)) round.closed++;
        else round.blocked++;
      }
      return rows.length;
    });
    if (claimed < CLAIM_BATCH) break;
  }
  if (round.closed + round.blocked > 0) ctx.onIncidentsChanged();
  return round;
}

async function closeOrRecordWhyNot(
  tx: Executor,
  row: IncidentRecord,
  days: number,
  now: number,
): Promise<boolean> {
  const after = `${days} day${days === 1 ? '' : 's'}`;
  const gaps = await closeRequirementGaps(tx, row);
  if (gaps.length === 0) {
    const message = await withOpenFollowUps(tx, row.id, `Closed automatically after ${after}.`);
    await transitionIncident(tx, row, { status: 'closed', message }, AUTO_CLOSE_ACTOR, now);
    await clearAutoCloseBlock(tx, row.id);
    return true;
  }
  const reason = gaps.map(describeGap).join('; ');
  const previous = await findAutoCloseBlock(tx, row.id);
  // The timeline says why once; the daily check that finds the same reason stays quiet.
  if (previous?.blocked_reason !== reason) {
    await appendTimeline(tx, {
      incidentId: row.id,
      at: now,
      actor: AUTO_CLOSE_ACTOR,
      kind: 'auto_close_skipped',
      changes: null,
      body: `Not closed automatically after ${after}: ${reason}.`,
    });
  }
  await recordAutoCloseBlock(tx, row.id, now, reason);
  return false;
}
