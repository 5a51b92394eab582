import type { Updateable } from 'kysely';
import { dialectOf } from '../dialects/dialect-of.js';
import type { UpdateReminderRow, UpdateRemindersTable } from '../schema.js';
import type { Executor } from '../store.js';
import { timelineRows } from './rows/timeline.js';

/** Timeline kinds that are an update in themselves. */
const UPDATE_KINDS = ['status_update', 'stakeholder_update'] as const;
/** Lifecycle moves that count as an update when they carry a written message. */
const STATUS_KINDS_WITH_MESSAGE = ['status_changed', 'acknowledged', 'reopened'] as const;

/**
 * Give every incident that is in one of `statuses` with one of `severities` a reminder row
 * (quiet since it was declared) unless it has one; several processes may race here safely.
 */
export async function ensureReminderRows(
  tx: Executor,
  filter: { severities: readonly string[]; statuses: readonly string[] },
): Promise<void> {
  if (filter.severities.length === 0) return;
  await tx
    .insertInto('update_reminders')
    .columns(['incident_id', 'anchor_at', 'reminders_sent'])
    .expression((eb) =>
      eb
        .selectFrom('incidents')
        .select((s) => ['incidents.id', 'incidents.created_at', s.lit(0).as('reminders_sent')])
        .where('incidents.status', 'in', [...filter.statuses])
        .where('incidents.severity', 'in', [...filter.severities])
        .where((w) =>
          w.not(
            w.exists(
              w
                .selectFrom('update_reminders')
                .select('update_reminders.incident_id')
                .whereRef('update_reminders.incident_id', '=', 'incidents.id'),
            ),
          ),
        )
        .orderBy('incidents.id'),
    )
    .onConflict((oc) => oc.column('incident_id').doNothing())
    .execute();
}

/**
 * Drop the reminder rows of incidents that are no longer open (resolved, closed, declined,
 * merged), so the table holds open incidents only; a reopened incident gets a new row. Rows
 * another process holds are left for a later tick.
 */
export async function deleteClosedReminders(tx: Executor, openStatuses: readonly string[]): Promise<void> {
  const closed = dialectOf(tx).skipLocked(
    tx
      .selectFrom('update_reminders')
      .select('update_reminders.incident_id')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('incidents')
              .select('incidents.id')
              .whereRef('incidents.id', '=', 'update_reminders.incident_id')
              .where('incidents.status', 'in', [...openStatuses]),
          ),
        ),
      ),
  );
  await tx.deleteFrom('update_reminders').where('incident_id', 'in', closed).execute();
}

/**
 * Take up to `limit` reminder rows of open incidents of `severity` quiet since at least
 * `anchorBefore`, locked until `tx` commits; rows another process holds are skipped
 * (PostgreSQL), so each overdue period is handled by exactly one process.
 */
export function claimDueReminders(
  tx: Executor,
  claim: { severity: string; statuses: readonly string[]; anchorBefore: number; limit: number },
): Promise<UpdateReminderRow[]> {
  return dialectOf(tx)
    .skipLocked(
      tx
        .selectFrom('update_reminders')
        .selectAll()
        .where('anchor_at', '<=', claim.anchorBefore)
        .where('incident_id', 'in', (eb) =>
          eb
            .selectFrom('incidents')
            .select('id')
            .where('severity', '=', claim.severity)
            .where('status', 'in', [...claim.statuses]),
        )
        .orderBy('anchor_at')
        .orderBy('incident_id')
        .limit(claim.limit),
    )
    .execute();
}

/** Change an incident's reminder row. */
export async function updateReminder(
  tx: Executor,
  incidentId: number,
  changes: Updateable<UpdateRemindersTable>,
): Promise<void> {
  await tx.updateTable('update_reminders').set(changes).where('incident_id', '=', incidentId).execute();
}

/** The reminder row of an incident, if it has one. */
export function findReminder(db: Executor, incidentId: number): Promise<UpdateReminderRow | undefined> {
  return db
    .selectFrom('update_reminders')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
}

/**
 * When the last update was posted on an incident: a status or stakeholder update, or a
 * status change that carried a message. Null when none was.
 */
export async function lastUpdateAt(db: Executor, incidentId: number): Promise<number | null> {
  const row = await db
    .selectFrom('timeline_entries')
    .select((eb) => eb.fn.max<number | string | null>('at').as('at'))
    .where('incident_id', '=', incidentId)
    .where((eb) =>
      eb.or([
        eb('kind', 'in', [...UPDATE_KINDS]),
        eb.and([
          eb('kind', 'in', [...STATUS_KINDS_WITH_MESSAGE]),
          eb('body', 'is not', null),
          eb('body', '!=', ''),
        ]),
      ]),
    )
    .executeTakeFirst();
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}

/** When an incident was last reopened (null: never). */
export async function lastReopenedAt(db: Executor, incidentId: number): Promise<number | null> {
  const row = await db
    .selectFrom('timeline_entries')
    .select((eb) => eb.fn.max<number | string | null>('at').as('at'))
    .where('incident_id', '=', incidentId)
    .where('kind', '=', 'reopened')
    .executeTakeFirst();
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}

/** The severity changes of an incident, newest first, with the changes of their timeline lines. */
export async function severityChangesOf(db: Executor, incidentId: number) {
  const rows = await db
    .selectFrom('timeline_entries')
    .select(['at', 'changes'])
    .where('incident_id', '=', incidentId)
    .where('kind', '=', 'updated')
    .where('changes', 'like', '%"severity":%')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  return rows.map(timelineRows.decode);
}

/** The person who last acknowledged an incident (null: nobody, or Beacon itself). */
export async function lastAcknowledgerOf(db: Executor, incidentId: number): Promise<number | null> {
  const row = await db
    .selectFrom('timeline_entries')
    .select('actor_id')
    .where('incident_id', '=', incidentId)
    .where('kind', '=', 'acknowledged')
    .where('actor_type', '=', 'user')
    .where('actor_id', 'is not', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.actor_id ?? null;
}
