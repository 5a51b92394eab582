import { OPEN_STATUSES, type IncidentStatus } from '../../../core/incident-status.js';
import { SEVERITIES, type Severity } from '../../../core/priority.js';
import type { UpdateReminderState } from '../../../core/schemas/stakeholders.js';
import type { Actor } from '../../../core/schemas/timeline.js';
import { policyIdForIncident, stepsOf } from '../../store/queries/escalation.js';
import { findIncidentById } from '../../store/queries/incidents.js';
import { activeUsersByIds } from '../../store/queries/notifications.js';
import { appendTimeline } from '../timeline.js';
import {
  claimDueReminders,
  deleteClosedReminders,
  ensureReminderRows,
  findReminder,
  lastAcknowledgerOf,
  lastReopenedAt,
  lastUpdateAt,
  severityChangesOf,
  updateReminder,
} from '../../store/queries/update-reminders.js';
import type { UpdateReminderRow } from '../../store/schema.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import type { Executor } from '../../store/store.js';
import { type AppContext, iso } from '../context.js';
import { resolveTargets } from '../oncall/notify-users.js';
import { getSettings } from '../settings.js';
import { queueNotice, firstDeliveriesOf } from '../outbox/notices.js';

/** Beacon itself, as the actor of reminders. */
export const REMINDER_ACTOR: Actor = { type: 'system', id: null, name: 'Beacon reminders' };

const MINUTE = 60_000;
const CLAIM_BATCH = 50;

type ReminderMinutes = Record<Severity, number>;

/**
 * Remind the commander of every open incident that has gone without an update for its
 * severity's reminder minutes: claim the overdue reminder rows, queue the reminders in the
 * outbox, note them on the timeline and start a new quiet period, in one transaction per
 * severity. A reminder goes out once per overdue period, after a restart too, and with
 * several processes exactly one of them sends it. Returns how many reminders were sent.
 */
export async function remindOverdueUpdates(ctx: AppContext): Promise<number> {
  const { updateReminderMinutes: minutes } = await getSettings(ctx.store.db);
  const enabled = SEVERITIES.filter((severity) => minutes[severity] > 0);
  if (enabled.length === 0) return 0;
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    await deleteClosedReminders(tx, OPEN_STATUSES);
    await ensureReminderRows(tx, { severities: enabled, statuses: OPEN_STATUSES });
  });
  let sent = 0;
  for (const severity of enabled) {
    sent += await ctx.store.transaction(async (tx) => {
      const rows = await claimDueReminders(tx, {
        severity,
        statuses: OPEN_STATUSES,
        anchorBefore: now - minutes[severity] * MINUTE,
        limit: CLAIM_BATCH,
      });
      let count = 0;
      for (const row of rows) if (await remindIfOverdue(tx, row, minutes, now)) count++;
      return count;
    });
  }
  if (sent > 0) ctx.onIncidentsChanged();
  return sent;
}

/** Send the reminder of a claimed row if no update came since; else move its quiet period on. */
async function remindIfOverdue(
  tx: Executor,
  reminder: UpdateReminderRow,
  minutes: ReminderMinutes,
  now: number,
): Promise<boolean> {
  const incident = await findIncidentById(tx, reminder.incident_id);
  if (!incident) return false;
  const quietSince = await quietPeriodStart(tx, incident, reminder, minutes);
  const wait = minutes[incident.severity as Severity] * MINUTE;
  if (quietSince + wait > now) {
    if (quietSince !== reminder.anchor_at) await updateReminder(tx, incident.id, { anchor_at: quietSince });
    return false;
  }
  const { userIds, why } = await whoToRemind(tx, incident, now);
  const deliveries = await firstDeliveriesOf(tx, userIds, `rem:${incident.id}:${now}`);
  const quietMinutes = Math.floor((now - quietSince) / MINUTE);
  for (const delivery of deliveries) {
    await queueNotice(
      tx,
      delivery,
      incident,
      {
        kind: 'update_reminder',
        message: `No status update has been posted on INC-${incident.number} for ${quietMinutes} minutes. Post a status or stakeholder update.`,
        status: incident.status,
        severity: incident.severity,
        impact: incident.impact,
        priority: incident.priority,
        author: null,
        at: iso(now),
        isExternal: false,
      },
      now,
    );
  }
  const names = [...new Set(deliveries.map((d) => d.name))];
  await appendTimeline(tx, {
    incidentId: incident.id,
    at: now,
    actor: REMINDER_ACTOR,
    kind: 'reminder_sent',
    changes: null,
    body:
      `No update for ${quietMinutes} minutes: ` +
      (names.length > 0
        ? `reminded ${names.join(', ')} (${why}) to post one`
        : 'nobody to remind (no commander, nobody acknowledged, nobody on call)'),
  });
  await updateReminder(tx, incident.id, {
    anchor_at: now,
    reminders_sent: reminder.reminders_sent + 1,
    last_reminded_at: now,
  });
  return true;
}

/**
 * When the incident's current quiet period began: the latest of its stored start (declared,
 * or the last reminder), the last update, the last reopening, and the last time its
 * severity rose from one without reminders.
 */
async function quietPeriodStart(
  db: Executor,
  incident: IncidentRecord,
  reminder: UpdateReminderRow | undefined,
  minutes: ReminderMinutes,
): Promise<number> {
  let since = Math.max(reminder?.anchor_at ?? incident.created_at, incident.created_at);
  since = Math.max(
    since,
    (await lastUpdateAt(db, incident.id)) ?? 0,
    (await lastReopenedAt(db, incident.id)) ?? 0,
  );
  for (const change of await severityChangesOf(db, incident.id)) {
    const before = (change.changes?.severity as { before?: string } | undefined)?.before;
    if (before !== undefined && !(minutes[before as Severity] > 0)) {
      since = Math.max(since, change.at);
      break;
    }
  }
  return since;
}

/**
 * Who a reminder goes to: the commander; without one, whoever acknowledged the incident;
 * failing that, whoever the first step of its escalation policy reaches now.
 */
async function whoToRemind(
  db: Executor,
  incident: IncidentRecord,
  now: number,
): Promise<{ userIds: number[]; why: string }> {
  const active = async (ids: number[]) => (await activeUsersByIds(db, ids)).map((user) => user.id);
  if (incident.commander_id !== null) {
    const ids = await active([incident.commander_id]);
    if (ids.length > 0) return { userIds: ids, why: 'commander' };
  }
  const acknowledger = await lastAcknowledgerOf(db, incident.id);
  if (acknowledger !== null) {
    const ids = await active([acknowledger]);
    if (ids.length > 0) return { userIds: ids, why: 'acknowledged it' };
  }
  const policyId = await policyIdForIncident(db, incident.id);
  const [first] = policyId === undefined ? [] : await stepsOf(db, [policyId]);
  if (first) {
    const ids = await active(await resolveTargets(db, first.targets, now));
    if (ids.length > 0) return { userIds: ids, why: 'on call' };
  }
  return { userIds: [], why: 'nobody' };
}

/** Reminder minutes of an incident now, when its last update was and when the next is due (past: overdue). */
export async function reminderState(db: Executor, incident: IncidentRecord): Promise<UpdateReminderState> {
  const { updateReminderMinutes } = await getSettings(db);
  const isOpen = OPEN_STATUSES.includes(incident.status as IncidentStatus);
  const minutes = isOpen ? updateReminderMinutes[incident.severity as Severity] : 0;
  const last = await lastUpdateAt(db, incident.id);
  if (minutes === 0) return { minutes: 0, lastUpdateAt: iso(last), dueAt: null };
  const since = await quietPeriodStart(
    db,
    incident,
    await findReminder(db, incident.id),
    updateReminderMinutes,
  );
  return { minutes, lastUpdateAt: iso(last), dueAt: iso(since + minutes * MINUTE) };
}
