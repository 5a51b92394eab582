/**
 * Reliability metrics benchmark: one year of 1,000,000 incidents (30 services, 6 teams, four
 * severities, five categories) and 100,000 pages, seeded in a few statements; then
 * `getReliabilityMetrics` for the whole year (no filter, one team, one severity) answered
 * repeatedly, timing each call (refresh of the rollups included). SQLite and PostgreSQL.
 *   npx tsx bench/metrics.ts [--incidents 1000000] [--runs 100] [--dialect sqlite|postgres|both]
 * PostgreSQL needs BEACON_BENCH_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test).
 * See BENCHMARKS.md ("Reliability metrics").
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { ManualClock } from '../src/core/clock.js';
import { openAppContext } from '../src/server/app-context.js';
import type { AppContext } from '../src/server/commands/context.js';
import { refreshMetricRollups } from '../src/server/commands/metrics/metric-rollups.js';
import { getReliabilityMetrics } from '../src/server/commands/metrics/reliability-metrics.js';
import type { MetricsQuery } from '../src/core/schemas/metrics.js';
import { machine, writeResult } from './bench-results.js';

const { values: args } = parseArgs({
  options: {
    incidents: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '100' },
    dialect: { type: 'string', default: 'both' },
  },
});
const INCIDENTS = Number(args.incidents);
const RUNS = Number(args.runs);
const YEAR_START = Date.parse('2025-01-01T00:00:00Z');
const SPACING_MS = Math.floor((365 * 86_400_000) / INCIDENTS);

async function seed(ctx: AppContext): Promise<void> {
  const db = ctx.store.db;
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
  // Deterministic spreads from the row number: detect up to 10 min, ack up to 30 min,
  // mitigate up to 2 h, resolve up to 6 h after detection; 2 % declined, 1 % merged.
  await sql`WITH RECURSIVE g(n) AS (SELECT CAST(1 AS bigint) UNION ALL SELECT n + 1 FROM g WHERE n < ${sql.lit(INCIDENTS)})
    INSERT INTO incidents (number, title, summary, status, severity, impact, urgency, priority, category,
      tags, started_at, detected_at, acknowledged_at, mitigated_at, resolved_at, created_at, updated_at, version)
    SELECT n, 'Incident', '',
      CASE WHEN n % 50 = 0 THEN 'declined' WHEN n % 100 = 1 THEN 'merged' ELSE 'resolved' END,
      CASE n % 4 WHEN 0 THEN 'SEV1' WHEN 1 THEN 'SEV2' WHEN 2 THEN 'SEV3' ELSE 'SEV4' END,
      'medium', 'medium', 'P3',
      CASE n % 5 WHEN 0 THEN 'outage' WHEN 1 THEN 'degradation' WHEN 2 THEN 'security' WHEN 3 THEN 'product defect' ELSE NULL END,
      '[]',
      ${sql.lit(YEAR_START)} + n * ${sql.lit(SPACING_MS)} - (n * 7919 % 600) * 1000,
      ${sql.lit(YEAR_START)} + n * ${sql.lit(SPACING_MS)},
      ${sql.lit(YEAR_START)} + n * ${sql.lit(SPACING_MS)} + (n * 104729 % 1800) * 1000,
      ${sql.lit(YEAR_START)} + n * ${sql.lit(SPACING_MS)} + (n * 1299709 % 7200) * 1000,
      ${sql.lit(YEAR_START)} + n * ${sql.lit(SPACING_MS)} + (n * 15485863 % 21600) * 1000,
      ${sql.lit(YEAR_START)} + n * ${sql.lit(SPACING_MS)},
      ${sql.lit(YEAR_START)} + n * ${sql.lit(SPACING_MS)} + (n * 15485863 % 21600) * 1000,
      1
    FROM g`.execute(db);
  await sql`INSERT INTO incident_services (incident_id, service_id) SELECT id, 1 + id % 30 FROM incidents`.execute(
    db,
  );
  await sql`INSERT INTO incident_services (incident_id, service_id) SELECT id, 1 + (id + 7) % 30 FROM incidents WHERE id % 10 = 0`.execute(
    db,
  );
  await db
    .insertInto('users')
    .values({
      email: 'oncall@example.com',
      name: 'On call',
      role: 'responder',
      password_hash: '',
      created_at: 0,
      updated_at: 0,
    })
    .execute();
  await sql`INSERT INTO incident_pages (incident_id, user_id, reason, paged_at)
    SELECT id, 1, 'step', detected_at FROM incidents WHERE id % 10 = 0`.execute(db);
}

function percentileOf(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
}

async function runDialect(name: 'sqlite' | 'postgres') {
  const clock = new ManualClock(Date.parse('2026-01-01T12:00:00Z'));
  let databaseUrl: string;
  let cleanup: () => Promise<void>;
  const schema = `beacon_bench_${randomBytes(4).toString('hex')}`;
  if (name === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-bench-metrics-'));
    databaseUrl = path.join(dir, 'beacon.sqlite');
    cleanup = () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true }));
  } else {
    const url = process.env.BEACON_BENCH_PG_URL;
    if (!url) throw new Error('set BEACON_BENCH_PG_URL for the PostgreSQL half');
    databaseUrl = url;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    cleanup = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    };
  }
  const ctx = await openAppContext({ databaseUrl }, { clock, ...(name === 'postgres' ? { schema } : {}) });
  try {
    let started = performance.now();
    await seed(ctx);
    const seedSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    await refreshMetricRollups(ctx);
    const buildSeconds = (performance.now() - started) / 1000;
    const cases: Array<[string, MetricsQuery]> = [
      ['year, no filter', { from: '2025-01-01', to: '2025-12-31' }],
      ['year, one team', { from: '2025-01-01', to: '2025-12-31', team: 2 }],
      ['year, SEV1 and SEV2', { from: '2025-01-01', to: '2025-12-31', severity: ['SEV1', 'SEV2'] }],
    ];
    const results = [];
    for (const [label, query] of cases) {
      const times: number[] = [];
      let incidents = 0;
      for (let run = 0; run < RUNS; run++) {
        const t = performance.now();
        const metrics = await getReliabilityMetrics(ctx, query);
        times.push(performance.now() - t);
        incidents = metrics.incidents;
      }
      times.sort((a, b) => a - b);
      const row = {
        case: label,
        incidents,
        p50Ms: Math.round(percentileOf(times, 0.5) * 10) / 10,
        p99Ms: Math.round(percentileOf(times, 0.99) * 10) / 10,
      };
      console.log(`${name}: ${label}: ${incidents} incidents, p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms`);
      results.push(row);
    }
    console.log(
      `${name}: seeded in ${seedSeconds.toFixed(1)} s, rollups built in ${buildSeconds.toFixed(1)} s`,
    );
    return { dialect: name, seedSeconds, buildSeconds, results };
  } finally {
    await ctx.store.close();
    await cleanup();
  }
}

const dialects: Array<'sqlite' | 'postgres'> =
  args.dialect === 'both' ? ['sqlite', 'postgres'] : [args.dialect as 'sqlite' | 'postgres'];
const runs = [];
for (const dialect of dialects) runs.push(await runDialect(dialect));
const result = { machine: machine(), incidents: INCIDENTS, runs };
const file = writeResult('metrics', result);
console.log(`results in ${file}`);
