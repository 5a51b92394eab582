/**
 * Reliability metrics benchmark: one year of N incidents (30 services, 6 teams, four
 * severities, five categories), 10 % of them with a page and 5 % with a follow-up, seeded in a
 * few `INSERT … SELECT` statements; the rollups built once (timed); then the real server in its
 * own process answers `GET /api/v1/metrics` for the whole year over loopback HTTP, driven by
 * `wrk` at 4 connections after a warm-up, per case (no filter, one team, two severities, one
 * service and a category). SQLite and PostgreSQL.
 *   npx tsx bench/metrics.ts [--incidents 1000000] [--dialect sqlite|postgres|both] [--seconds 10]
 *     [--keep] [--reuse <sqlite dir | postgres schema>]
 * --keep leaves the seeded database in place and prints where; --reuse (one dialect) measures
 * a kept one again: migrated, rollups brought up to date (timed), no seeding.
 * PostgreSQL: BEACON_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/test).
 * See BENCHMARKS.md ("Reliability metrics").
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { refreshMetricRollups } from '../src/server/commands/metrics/metric-rollups.js';
import { startServerProcess } from '../test/support/server-process.js';
import { machine, writeResult } from './bench-results.js';
import { type BenchTarget, postgresTarget, sqliteTarget } from './bench-target.js';
import { cpuSeconds } from './process-stats.js';
import { seedMetricsYear } from './seed-metrics.js';
import { runWrk, type WrkResult } from './wrk/run-wrk.js';
import { createTokenForEmail } from '../src/server/commands/tokens.js';
import type { Store } from '../src/server/store/store.js';
import { benchAdminWithToken, benchContext } from './bench-admin.js';

const { values: args } = parseArgs({
  options: {
    incidents: { type: 'string', default: '1000000' },
    dialect: { type: 'string', default: 'both' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '4' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
  },
});
const INCIDENTS = Number(args.incidents);
const SECONDS = Number(args.seconds);
const WARMUP = Number(args.warmup);
const CONNECTIONS = Number(args.connections);
const PG_URL = process.env.BEACON_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const YEAR = 'from=2025-01-01&to=2025-12-31';

const CASES: Array<[string, string]> = [
  ['year, no filter', `/api/v1/metrics?${YEAR}`],
  ['year, one team', `/api/v1/metrics?${YEAR}&team=2`],
  ['year, SEV1 and SEV2', `/api/v1/metrics?${YEAR}&severity=SEV1,SEV2`],
  ['year, one service, outage', `/api/v1/metrics?${YEAR}&service=6&category=outage`],
];

interface Prepared {
  token: string;
  seedSeconds: number;
  buildSeconds: number;
  databaseVersion: string;
}

/** A kept database's bench admin with a new token (migrated first). */
async function reusedAdmin(store: Store) {
  await store.migrate();
  const ctx = benchContext(store);
  const { token } = await createTokenForEmail(ctx, { email: 'bench@example.com', name: 'bench' });
  return { ctx, token };
}

/** Migrate, create the bench user and token, seed, and build the rollups once. */
async function prepare(target: BenchTarget): Promise<Prepared> {
  const store = target.open();
  try {
    let started = performance.now();
    const { ctx, token } = args.reuse === undefined ? await seeded(store) : await reusedAdmin(store);
    // PostgreSQL's autovacuum would analyze tables this size within a minute; do it now.
    if (target.dialect === 'postgres') await sql`ANALYZE`.execute(store.db);
    const seedSeconds = (performance.now() - started) / 1000;
    process.stderr.write(`  seeded in ${seedSeconds.toFixed(1)} s\n`);
    started = performance.now();
    await refreshMetricRollups(ctx);
    if (target.dialect === 'postgres') await sql`ANALYZE`.execute(store.db);
    const buildSeconds = (performance.now() - started) / 1000;
    process.stderr.write(`  rollups built in ${buildSeconds.toFixed(1)} s\n`);
    return { token, seedSeconds, buildSeconds, databaseVersion: await target.version(store) };
  } finally {
    await store.close();
  }
}

interface CaseRun {
  case: string;
  incidents: number;
  wrk: WrkResult;
  serverCpuMsPerRequest: number;
}

async function seeded(store: Store) {
  const { ctx, user, token } = await benchAdminWithToken(store);
  await seedMetricsYear(store, INCIDENTS, user.id);
  return { ctx, token };
}

/** Each case: one checked request, a warm-up, then the measured wrk run. */
async function measure(target: BenchTarget, prepared: Prepared, workDir: string): Promise<CaseRun[]> {
  const server = await startServerProcess(
    ['--import', 'tsx', path.join(BENCH_DIR, 'bench-server.ts')],
    { ...target.serverEnv, LOG_LEVEL: 'warn' },
    path.dirname(BENCH_DIR),
  );
  const runs: CaseRun[] = [];
  try {
    const authorization = `Bearer ${prepared.token}`;
    for (const [name, url] of CASES) {
      const check = await fetch(`${server.url}${url}`, { headers: { authorization } });
      if (check.status !== 200) throw new Error(`${name}: ${check.status} ${await check.text()}`);
      const { incidents } = (await check.json()) as { incidents: number };
      const file = path.join(workDir, 'paths.txt');
      fs.writeFileSync(file, `${url}\n`);
      const wrk = (seconds: number) =>
        runWrk({
          url: server.url,
          requests: { mode: 'get-file', file, authorization },
          threads: Math.min(2, CONNECTIONS),
          connections: CONNECTIONS,
          seconds,
        });
      if (WARMUP > 0) await wrk(WARMUP);
      const cpuBefore = cpuSeconds(server.child.pid ?? 0);
      const result = await wrk(SECONDS);
      const cpuMs = (cpuSeconds(server.child.pid ?? 0) - cpuBefore) * 1000;
      const run = {
        case: name,
        incidents,
        wrk: result,
        serverCpuMsPerRequest: Math.round((cpuMs / result.requests) * 10) / 10,
      };
      process.stderr.write(
        `  ${name}: ${incidents} incidents, ${result.requestsPerSecond} req/s, p50 ${result.p50Ms} ms, ` +
          `p99 ${result.p99Ms} ms, ${result.non2xx + result.socketErrors} failed, ${run.serverCpuMsPerRequest} ms CPU/request\n`,
      );
      runs.push(run);
    }
  } finally {
    const code = await server.stop();
    if (code !== 0) process.stderr.write(`server exited with ${String(code)}:\n${server.logs()}\n`);
  }
  return runs;
}

async function main(): Promise<void> {
  const dialects =
    args.dialect === 'both' ? (['sqlite', 'postgres'] as const) : [args.dialect as 'sqlite' | 'postgres'];
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-bench-metrics-'));
  const results = [];
  try {
    for (const dialect of dialects) {
      process.stderr.write(
        `${dialect}: ${INCIDENTS} incidents, load average ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}\n`,
      );
      const target =
        dialect === 'sqlite' ? sqliteTarget(args.reuse) : await postgresTarget(PG_URL, args.reuse);
      try {
        const prepared = await prepare(target);
        const loadBefore = os.loadavg();
        const runs = await measure(target, prepared, workDir);
        results.push({ dialect, ...prepared, token: undefined, loadBefore, loadAfter: os.loadavg(), runs });
        process.stderr.write(
          `  load average ${os
            .loadavg()
            .map((l) => l.toFixed(1))
            .join(' ')}\n`,
        );
      } finally {
        if (args.keep || args.reuse !== undefined)
          process.stderr.write(`  kept: ${JSON.stringify(target.serverEnv)}\n`);
        else await target.cleanup();
      }
    }
    const result = {
      machine: machine(),
      incidents: INCIDENTS,
      settings: { connections: CONNECTIONS, seconds: SECONDS, warmup: WARMUP },
      results,
    };
    const file = writeResult('metrics', result);
    console.log(`results in ${path.relative(process.cwd(), file)}`);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

if (
  !['sqlite', 'postgres', 'both'].includes(args.dialect) ||
  !(INCIDENTS > 0) ||
  !(SECONDS > 0) ||
  (args.reuse !== undefined && args.dialect === 'both')
) {
  console.error(
    'usage: tsx bench/metrics.ts [--incidents N] [--dialect sqlite|postgres|both] [--seconds 10] [--keep] [--reuse <sqlite dir | postgres schema> (one dialect)]',
  );
  process.exit(2);
}
await main();
