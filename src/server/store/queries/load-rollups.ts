import { sql } from 'kysely';
import { DAY_MS } from '../../../core/metrics/calendar.js';
import { type FollowUpCell, matchesKey } from '../../../core/metrics/follow-up-cells.js';
import type { OncallDay, PageQuarter } from '../../../core/metrics/oncall-days.js';
import type { Executor } from '../store.js';

/** What the on-call and follow-up rollups were last brought up to date with. */
export interface LoadRollupState {
  /** 0: never built. */
  loadWatermark: number;
  pagesThrough: number;
  followUpsThrough: number;
  zones: string;
}

/** The load rollups' state, or undefined before the first refresh. */
export async function readLoadRollupState(db: Executor): Promise<LoadRollupState | undefined> {
  const row = await db
    .selectFrom('incident_metric_state')
    .select(['load_watermark', 'pages_through', 'follow_ups_through', 'zones'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return (
    row && {
      loadWatermark: row.load_watermark,
      pagesThrough: row.pages_through,
      followUpsThrough: row.follow_ups_through,
      zones: row.zones,
    }
  );
}

/** Record what the load rollups now count. */
export async function writeLoadRollupState(tx: Executor, state: LoadRollupState): Promise<void> {
  await tx
    .updateTable('incident_metric_state')
    .set({
      load_watermark: state.loadWatermark,
      pages_through: state.pagesThrough,
      follow_ups_through: state.followUpsThrough,
      zones: state.zones,
    })
    .where('id', '=', 1)
    .execute();
}

/** The highest page and follow-up ids (0 with none). */
export async function lastLoadIds(db: Executor): Promise<{ pages: number; followUps: number }> {
  const pages = await db
    .selectFrom('incident_pages')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  const followUps = await db
    .selectFrom('follow_ups')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return { pages: pages?.id ?? 0, followUps: followUps?.id ?? 0 };
}

const dayOfColumn = (column: string) => sql<number>`${sql.ref(column)} / ${sql.lit(DAY_MS)}`;

/** The first and last day of the pages, or undefined with none. */
export async function pageDayRange(db: Executor): Promise<{ first: number; last: number } | undefined> {
  const row = await db
    .selectFrom('incident_pages')
    .select((eb) => [eb.fn.min('paged_at').as('first'), eb.fn.max('paged_at').as('last')])
    .executeTakeFirst();
  if (row?.first === null || row?.first === undefined || row.last === null) return undefined;
  return { first: Math.floor(row.first / DAY_MS), last: Math.floor(row.last / DAY_MS) };
}

/** The days of pages newer than id `afterId` or sent after `since`. */
export async function changedPageDays(db: Executor, afterId: number, since: number): Promise<number[]> {
  // Two queries, so each is served by an index (the primary key, paged_at).
  const days = (query: 'newer' | 'recent') =>
    db
      .selectFrom('incident_pages')
      .select(dayOfColumn('paged_at').as('day'))
      .distinct()
      .where(query === 'newer' ? 'id' : 'paged_at', '>', query === 'newer' ? afterId : since)
      .execute();
  return [...(await days('newer')), ...(await days('recent'))].map((row) => row.day);
}

/** Pages of days `[fromDay, toDay]` up to id `throughId`, per person and quarter hour. */
export async function pageQuartersOfDays(
  db: Executor,
  fromDay: number,
  toDay: number,
  throughId: number,
): Promise<PageQuarter[]> {
  // The quarter-hour index's expression (migration 025), so the index serves range and grouping.
  const quarter = sql<number>`(paged_at / 900000)`;
  const rows = await db
    .selectFrom('incident_pages')
    .select((eb) => ['user_id', quarter.as('quarter'), eb.fn.countAll<number | string>().as('pages')])
    .where(quarter, '>=', (fromDay * DAY_MS) / 900_000)
    .where(quarter, '<', ((toDay + 1) * DAY_MS) / 900_000)
    .where('id', '<=', throughId)
    .groupBy([quarter, 'user_id'])
    .execute();
  return rows.map((row) => ({ userId: row.user_id, quarter: row.quarter, pages: Number(row.pages) }));
}

/** Replace the on-call rollups of days `[fromDay, toDay]`. */
export async function replaceOncallDays(
  tx: Executor,
  fromDay: number,
  toDay: number,
  days: readonly OncallDay[],
): Promise<void> {
  await tx.deleteFrom('oncall_load_days').where('day', '>=', fromDay).where('day', '<=', toDay).execute();
  for (let start = 0; start < days.length; start += 500)
    await tx
      .insertInto('oncall_load_days')
      .values(
        days.slice(start, start + 500).map((day) => ({
          day: day.day,
          user_id: day.userId,
          pages: day.pages,
          out_of_hours_pages: day.outOfHoursPages,
          sleep_interruptions: day.sleepInterruptions,
        })),
      )
      .execute();
}

/** The on-call rollups of days `[fromDay, toDay]` summed per person. */
export async function sumOncallDays(
  db: Executor,
  fromDay: number,
  toDay: number,
): Promise<Array<{ userId: number; pages: number; outOfHoursPages: number; sleepInterruptions: number }>> {
  const rows = await db
    .selectFrom('oncall_load_days')
    .select((eb) => [
      'user_id',
      eb.fn.sum<number | string>('pages').as('pages'),
      eb.fn.sum<number | string>('out_of_hours_pages').as('out_of_hours'),
      eb.fn.sum<number | string>('sleep_interruptions').as('sleep'),
    ])
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .groupBy('user_id')
    .execute();
  // PostgreSQL sums integers to a bigint, which its driver returns as text.
  return rows.map((row) => ({
    userId: row.user_id,
    pages: Number(row.pages),
    outOfHoursPages: Number(row.out_of_hours),
    sleepInterruptions: Number(row.sleep),
  }));
}

/** Pages newer than id `afterId` (the few the rollups do not count yet). */
export async function pagesAfter(
  db: Executor,
  afterId: number,
): Promise<Array<{ userId: number; pagedAt: number }>> {
  const rows = await db
    .selectFrom('incident_pages')
    .select(['user_id', 'paged_at'])
    .where('id', '>', afterId)
    .execute();
  return rows.map((row) => ({ userId: row.user_id, pagedAt: row.paged_at }));
}

/** Which of these quarter hours (per person) hold a page up to id `throughId`. */
export async function pagedQuartersThrough(
  db: Executor,
  quarters: readonly number[],
  throughId: number,
): Promise<Set<string>> {
  if (quarters.length === 0) return new Set();
  const quarter = sql<number>`(paged_at / 900000)`;
  const rows = await db
    .selectFrom('incident_pages')
    .select(['user_id', quarter.as('quarter')])
    .distinct()
    .where(quarter, 'in', [...new Set(quarters)])
    .where('id', '<=', throughId)
    .execute();
  return new Set(rows.map((row) => `${String(row.user_id)}|${String(row.quarter)}`));
}

/** The first and last due day of the follow-ups, or undefined with none. */
export async function followUpDayRange(db: Executor): Promise<{ first: number; last: number } | undefined> {
  const row = await db
    .selectFrom('follow_ups')
    .select((eb) => [eb.fn.min('due_at').as('first'), eb.fn.max('due_at').as('last')])
    .executeTakeFirst();
  if (row?.first === null || row?.first === undefined || row.last === null) return undefined;
  return { first: Math.floor(row.first / DAY_MS), last: Math.floor(row.last / DAY_MS) };
}

/**
 * The due days to recount: of follow-ups newer than `afterId` or changed after `since`, of
 * those linked to incidents changed after `since`, the days they were last counted under,
 * and the days of follow-ups since deleted. Each query is served by an index; deletions are
 * looked for only when the counted follow-ups no longer match the marks in number.
 */
export async function changedFollowUpDays(db: Executor, afterId: number, since: number): Promise<number[]> {
  const changed = await db
    .selectFrom('follow_ups')
    .select('id')
    .where('id', '>', afterId)
    .union(db.selectFrom('follow_ups').select('id').where('updated_at', '>', since))
    .union(
      // Incidents by their updated_at index first, then their links (not every link joined).
      db
        .selectFrom('follow_up_incidents')
        .select('follow_up_id as id')
        .where('incident_id', 'in', db.selectFrom('incidents').select('id').where('updated_at', '>', since)),
    )
    .execute();
  const days: number[] = [];
  const ids = changed.map((row) => row.id);
  for (let start = 0; start < ids.length; start += 500) {
    const some = ids.slice(start, start + 500);
    const due = await db
      .selectFrom('follow_ups')
      .select(dayOfColumn('due_at').as('day'))
      .where('due_at', 'is not', null)
      .where('id', 'in', some)
      .execute();
    const marked = await db
      .selectFrom('follow_up_metric_marks')
      .select('day')
      .where('follow_up_id', 'in', some)
      .execute();
    days.push(...due.map((row) => row.day), ...marked.map((row) => row.day));
  }
  return [...days, ...(await deletedFollowUpDays(db, afterId))];
}

async function deletedFollowUpDays(db: Executor, throughId: number): Promise<number[]> {
  const [marks, counted] = await Promise.all([
    db
      .selectFrom('follow_up_metric_marks')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .executeTakeFirst(),
    db
      .selectFrom('follow_ups')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('due_at', 'is not', null)
      .where('id', '<=', throughId)
      .executeTakeFirst(),
  ]);
  if (Number(marks?.count ?? 0) === Number(counted?.count ?? 0)) return [];
  const gone = await db
    .selectFrom('follow_up_metric_marks as m')
    .leftJoin('follow_ups as f', 'f.id', 'm.follow_up_id')
    .select('m.day')
    .distinct()
    .where('f.id', 'is', null)
    .execute();
  return gone.map((row) => row.day);
}

/** Follow-ups due on days `[fromDay, toDay]` up to id `throughId`, their links and linked incidents. */
export async function followUpsOfDays(db: Executor, fromDay: number, toDay: number, throughId: number) {
  const [from, to] = [fromDay * DAY_MS, (toDay + 1) * DAY_MS];
  const followUps = await db
    .selectFrom('follow_ups')
    .select(['id', 'state', 'due_at'])
    .where('due_at', '>=', from)
    .where('due_at', '<', to)
    .where('id', '<=', throughId)
    .execute();
  const links = await db
    .selectFrom('follow_up_incidents as fi')
    .innerJoin('follow_ups as f', 'f.id', 'fi.follow_up_id')
    .innerJoin('incidents as i', 'i.id', 'fi.incident_id')
    .select(['fi.follow_up_id', 'fi.incident_id', 'i.status', 'i.severity', 'i.category'])
    .where('f.due_at', '>=', from)
    .where('f.due_at', '<', to)
    .where('f.id', '<=', throughId)
    .execute();
  const services = await db
    .selectFrom('incident_services as s')
    .innerJoin('follow_up_incidents as fi', 'fi.incident_id', 's.incident_id')
    .innerJoin('follow_ups as f', 'f.id', 'fi.follow_up_id')
    .select(['s.incident_id', 's.service_id'])
    .distinct()
    .where('f.due_at', '>=', from)
    .where('f.due_at', '<', to)
    .where('f.id', '<=', throughId)
    .execute();
  return { followUps, links, services };
}

/** Replace the follow-up rollups (and the marks) of due days `[fromDay, toDay]`. */
export async function replaceFollowUpDays(
  tx: Executor,
  fromDay: number,
  toDay: number,
  cells: readonly FollowUpCell[],
  marks: ReadonlyArray<{ followUpId: number; day: number }>,
): Promise<void> {
  await tx
    .deleteFrom('follow_up_metric_days')
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .execute();
  await tx
    .deleteFrom('follow_up_metric_marks')
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .execute();
  // 8 parameters a row: 500 rows stay under both drivers' parameter limits.
  for (let start = 0; start < cells.length; start += 500)
    await tx
      .insertInto('follow_up_metric_days')
      .values(
        cells.slice(start, start + 500).map((cell) => ({
          day: cell.day,
          scope: cell.scope,
          scope_id: cell.scopeId,
          matches: matchesKey(cell.matches),
          open: cell.open,
          in_progress: cell.inProgress,
          done: cell.done,
          wont_do: cell.wontDo,
        })),
      )
      .execute();
  for (let start = 0; start < marks.length; start += 1000)
    await tx
      .insertInto('follow_up_metric_marks')
      .values(
        marks.slice(start, start + 1000).map((mark) => ({ follow_up_id: mark.followUpId, day: mark.day })),
      )
      .onConflict((oc) => oc.column('follow_up_id').doUpdateSet((eb) => ({ day: eb.ref('excluded.day') })))
      .execute();
}

/** Follow-ups due in one scope's rows: per state, how many, summed per `matches`. */
export interface FollowUpSums {
  /** The [severity, category] pairs of the rows summed. */
  matches: Array<[string, string]>;
  open: number;
  inProgress: number;
  done: number;
  wontDo: number;
  /** Open and in progress, due on a day before `beforeDay`. */
  pastDue: number;
}

/** The follow-up rollups of one scope and days `[fromDay, toDay]`, summed per `matches` in SQL. */
export async function sumFollowUpDays(
  db: Executor,
  scope: { kind: 'all' } | { kind: 'service' | 'team'; id: number },
  fromDay: number,
  toDay: number,
  beforeDay: number,
): Promise<FollowUpSums[]> {
  const rows = await db
    .selectFrom('follow_up_metric_days')
    .select((eb) => [
      'matches',
      eb.fn.sum<number | string>('open').as('open'),
      eb.fn.sum<number | string>('in_progress').as('in_progress'),
      eb.fn.sum<number | string>('done').as('done'),
      eb.fn.sum<number | string>('wont_do').as('wont_do'),
      eb.fn
        .sum<number | string>(
          eb
            .case()
            .when('day', '<', beforeDay)
            .then(sql<number>`open + in_progress`)
            .else(0)
            .end(),
        )
        .as('past_due'),
    ])
    .where('scope', '=', scope.kind)
    .where('scope_id', '=', scope.kind === 'all' ? 0 : scope.id)
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .groupBy('matches')
    .execute();
  return rows.map((row) => ({
    matches: JSON.parse(row.matches) as Array<[string, string]>,
    open: Number(row.open),
    inProgress: Number(row.in_progress),
    done: Number(row.done),
    wontDo: Number(row.wont_do),
    pastDue: Number(row.past_due),
  }));
}

/** Ids of follow-ups newer than `afterId` (the few the rollups do not count yet). */
export async function followUpIdsAfter(db: Executor, afterId: number): Promise<number[]> {
  const rows = await db.selectFrom('follow_ups').select('id').where('id', '>', afterId).execute();
  return rows.map((row) => row.id);
}
