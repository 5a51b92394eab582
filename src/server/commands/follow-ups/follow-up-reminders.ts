import type { FollowUpMail } from '../../../core/schemas/follow-ups.js';
import {
  claimOverdueFollowUps,
  incidentIdsOfFollowUps,
  markFollowUpReminded,
} from '../../store/queries/follow-ups.js';
import { findIncidentsByIds } from '../../store/queries/incidents.js';
import { activeUsersByIds, queueOutbox } from '../../store/queries/notifications.js';
import type { FollowUpRow } from '../../store/schema.js';
import type { Executor } from '../../store/store.js';
import { type AppContext, iso } from '../context.js';
import { incidentRef } from '../incident-view.js';
import { getResolutionSettings } from '../resolution/resolution-settings.js';
import { followUpRef } from './follow-up-view.js';

const DAY = 86_400_000;
const CLAIM_BATCH = 50;

/**
 * Remind the owner of every follow-up past its due date by email, once per reminder period:
 * claim the overdue rows, queue the mails in the outbox and mark the rows reminded, in one
 * transaction per batch. Restart-safe, and with several processes exactly one sends each
 * period's reminder (claimed rows are locked, others skip them). Returns how many were queued.
 */
export async function remindOverdueFollowUps(ctx: AppContext): Promise<number> {
  const { followUpReminderDays } = await getResolutionSettings(ctx.store.db);
  if (followUpReminderDays === 0) return 0;
  const now = ctx.clock.now();
  let total = 0;
  for (;;) {
    const { claimed, queued } = await ctx.store.transaction(async (tx) => {
      const rows = await claimOverdueFollowUps(tx, {
        now,
        remindedBefore: now - followUpReminderDays * DAY,
        limit: CLAIM_BATCH,
      });
      let count = 0;
      for (const row of rows) {
        if (await queueReminder(tx, row, now)) count++;
        await markFollowUpReminded(tx, row.id, now);
      }
      return { claimed: rows.length, queued: count };
    });
    total += queued;
    if (claimed < CLAIM_BATCH) return total;
  }
}

/** Queue the reminder mail of one claimed follow-up to its owner; false when the owner is disabled. */
async function queueReminder(tx: Executor, row: FollowUpRow, now: number): Promise<boolean> {
  if (row.owner_id === null || row.due_at === null) return false;
  const [owner] = await activeUsersByIds(tx, [row.owner_id]);
  if (!owner) return false;
  const incidentIds = (await incidentIdsOfFollowUps(tx, [row.id])).get(row.id) ?? [];
  const incidents = await findIncidentsByIds(tx, incidentIds);
  const mail: FollowUpMail = {
    kind: 'follow_up_overdue',
    followUpId: row.id,
    ref: followUpRef(row.id),
    title: row.title,
    dueAt: iso(row.due_at),
    daysOverdue: Math.floor((now - row.due_at) / DAY),
    incidents: [...incidents.values()].map((incident) => `${incidentRef(incident.number)} ${incident.title}`),
    externalUrl: row.external_url,
  };
  await queueOutbox(
    tx,
    {
      user_id: owner.id,
      contact_method_id: null,
      channel: 'email',
      address: owner.email,
      kind: 'follow_up_overdue',
      incident_id: null,
      payload: { items: [], followUp: mail },
      // One mail per follow-up and period, even if a round were ever repeated.
      dedupe_key: `fu:${row.id}:${now}`,
    },
    now,
  );
  return true;
}
