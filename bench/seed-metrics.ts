/**
 * The reliability metrics benchmark's data: a year (2025) of incidents over 30 services and
 * 6 teams, with pages and follow-ups, in a few `INSERT … SELECT` statements.
 */
import { sql } from 'kysely';
import type { Store } from '../src/server/store/store.js';

const YEAR_START = Date.parse('2025-01-01T00:00:00Z');

/** Teams, services, incidents with their services, pages and follow-ups, in a few statements. */
export async function seedMetricsYear(store: Store, incidents: number, pagedUserId: number): Promise<void> {
  const db = store.db;
  const SPACING_MS = Math.floor((365 * 86_400_000) / incidents);
  for (let team = 1; team <= 6; team++)
    await db
      .insertInto('teams')
      .values({ name: `team-${team}`, description: '', created_at: 0, updated_at: 0 })
      .execute();
  for (let service = 1; service <= 30; service++)
    await db
      .insertInto('services')
      .values({
        name: `service-${service}`,
        description: '',
        tier: null,
        owner_team_id: 1 + (service % 6),
        alert_rules: null,
        created_at: 0,
        updated_at: 0,
      })
      .execute();
  const at = (offset: string) => sql.raw(`${YEAR_START} + n * ${SPACING_MS}${offset}`);
  // Deterministic spreads from the row number: detect up to 10 min, ack up to 30 min,
  // mitigate up to 2 h, resolve up to 6 h after detection; 2 % declined, 1 % merged.
  await sql`WITH RECURSIVE g(n) AS (SELECT CAST(1 AS bigint) UNION ALL SELECT n + 1 FROM g WHERE n < ${sql.lit(incidents)})
    INSERT INTO incidents (number, title, summary, status, severity, impact, urgency, priority, category,
      tags, started_at, detected_at, acknowledged_at, mitigated_at, resolved_at, created_at, updated_at, version)
    SELECT n, 'Incident', '',
      CASE WHEN n % 50 = 0 THEN 'declined' WHEN n % 100 = 1 THEN 'merged' ELSE 'resolved' END,
      CASE n % 4 WHEN 0 THEN 'SEV1' WHEN 1 THEN 'SEV2' WHEN 2 THEN 'SEV3' ELSE 'SEV4' END,
      'medium', 'medium', 'P3',
      CASE n % 5 WHEN 0 THEN 'outage' WHEN 1 THEN 'degradation' WHEN 2 THEN 'security' WHEN 3 THEN 'product defect' ELSE NULL END,
      '[]',
      ${at(' - (n * 7919 % 600) * 1000')}, ${at('')}, ${at(' + (n * 104729 % 1800) * 1000')},
      ${at(' + (n * 1299709 % 7200) * 1000')}, ${at(' + (n * 15485863 % 21600) * 1000')},
      ${at('')}, ${at(' + (n * 15485863 % 21600) * 1000')}, 1
    FROM g`.execute(db);
  await sql`INSERT INTO incident_services (incident_id, service_id) SELECT id, 1 + id % 30 FROM incidents`.execute(
    db,
  );
  await sql`INSERT INTO incident_services (incident_id, service_id) SELECT id, 1 + (id + 7) % 30 FROM incidents WHERE id % 10 = 0`.execute(
    db,
  );
  await sql`INSERT INTO incident_pages (incident_id, user_id, reason, paged_at)
    SELECT id, ${pagedUserId}, 'step', detected_at FROM incidents WHERE id % 10 = 0`.execute(db);
  // A follow-up for every 20th incident, due two weeks later: 60 % done, 20 % open, 10 % in
  // progress, 10 % won't do.
  await sql`INSERT INTO follow_ups (id, title, description, priority, state, wont_do_reason, due_at,
      created_at, updated_at, done_at, version, reminders_sent)
    SELECT id / 20, 'Follow-up', '', 'medium',
      CASE id / 20 % 10 WHEN 0 THEN 'open' WHEN 1 THEN 'open' WHEN 2 THEN 'in_progress' WHEN 3 THEN 'wont_do' ELSE 'done' END,
      CASE id / 20 % 10 WHEN 3 THEN 'not worth it' ELSE NULL END,
      created_at + 1209600000, created_at, created_at,
      CASE WHEN id / 20 % 10 >= 4 THEN created_at + 604800000 ELSE NULL END, 1, 0
    FROM incidents WHERE id % 20 = 0`.execute(db);
  await sql`INSERT INTO follow_up_incidents (follow_up_id, incident_id) SELECT id, id * 20 FROM follow_ups`.execute(
    db,
  );
}
