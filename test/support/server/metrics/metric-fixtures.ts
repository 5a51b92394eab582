import type { Executor } from '../../../../src/server/store/store.js';

// Rows written straight into the database so a test states every milestone exactly.

const MINUTE = 60_000;

/** An incident to insert: created (= detected) at `at`, milestones in minutes after detection. */
export interface IncidentFixture {
  at: string;
  severity: string;
  category?: string | null;
  status?: string;
  /** Minutes from impact start to detection. */
  detectMin?: number;
  ackMin?: number | null;
  mitigateMin?: number | null;
  resolveMin?: number | null;
  serviceIds?: number[];
}

let nextNumber = 1_000;

/** Insert an incident (and its services) with the given milestones; returns its id. */
export async function insertIncident(db: Executor, fixture: IncidentFixture): Promise<number> {
  const detected = Date.parse(fixture.at);
  const after = (minutes: number | null | undefined) =>
    minutes === null || minutes === undefined ? null : detected + minutes * MINUTE;
  const resolved = after(fixture.resolveMin);
  const status = fixture.status ?? (resolved === null ? 'investigating' : 'resolved');
  nextNumber += 1;
  const row = await db
    .insertInto('incidents')
    .values({
      number: nextNumber,
      title: `Incident ${nextNumber}`,
      summary: '',
      status,
      severity: fixture.severity,
      impact: 'medium',
      urgency: 'medium',
      priority: 'P3',
      category: fixture.category ?? null,
      commander_id: null,
      tags: '[]',
      resolution_summary: null,
      root_cause: null,
      merged_into_id: null,
      started_at: detected - (fixture.detectMin ?? 0) * MINUTE,
      detected_at: detected,
      acknowledged_at: after(fixture.ackMin),
      mitigated_at: after(fixture.mitigateMin),
      resolved_at: resolved,
      closed_at: null,
      created_at: detected,
      updated_at: resolved ?? detected,
      created_by: null,
      version: 1,
      alert_service_id: null,
      alert_group_key: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const serviceIds = fixture.serviceIds ?? [];
  if (serviceIds.length > 0)
    await db
      .insertInto('incident_services')
      .values(serviceIds.map((serviceId) => ({ incident_id: row.id, service_id: serviceId })))
      .execute();
  return row.id;
}

/** Record that `userId` was paged about `incidentId` at `at`. */
export async function insertPage(
  db: Executor,
  incidentId: number,
  userId: number,
  at: string,
): Promise<void> {
  await db
    .insertInto('incident_pages')
    .values({
      incident_id: incidentId,
      user_id: userId,
      outbox_id: null,
      reason: 'step',
      paged_at: Date.parse(at),
    })
    .execute();
}

/** A schedule in `timeZone` whose one layer rotates `userIds`. */
export async function insertSchedule(db: Executor, timeZone: string, userIds: number[]): Promise<void> {
  const layers = [
    { participants: userIds, rotation: { kind: 'weekly' }, handoffTime: '09:00', startDate: '2026-01-05' },
  ];
  await db
    .insertInto('schedules')
    .values({
      name: `Rota ${timeZone}`,
      description: '',
      time_zone: timeZone,
      layers: JSON.stringify(layers),
      ical_token: `token-${timeZone}-${userIds.join('-')}`,
      created_at: 0,
      updated_at: 0,
    })
    .execute();
}

/** A follow-up due at `due` in `state`, linked to `incidentIds`; returns its id. */
export async function insertFollowUp(
  db: Executor,
  fixture: { due: string; state: 'open' | 'in_progress' | 'done' | 'wont_do'; incidentIds: number[] },
): Promise<number> {
  const due = Date.parse(fixture.due);
  const row = await db
    .insertInto('follow_ups')
    .values({
      title: `Follow-up due ${fixture.due}`,
      description: '',
      owner_id: null,
      team_id: null,
      due_at: due,
      priority: 'medium',
      state: fixture.state,
      wont_do_reason: fixture.state === 'wont_do' ? 'not worth it' : null,
      external_url: null,
      created_by: null,
      created_at: due - 7 * 24 * 60 * MINUTE,
      updated_at: due - 7 * 24 * 60 * MINUTE,
      done_at: fixture.state === 'done' ? due - MINUTE : null,
      version: 1,
      reminded_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (fixture.incidentIds.length > 0)
    await db
      .insertInto('follow_up_incidents')
      .values(fixture.incidentIds.map((incidentId) => ({ follow_up_id: row.id, incident_id: incidentId })))
      .execute();
  return row.id;
}
