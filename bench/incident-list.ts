/**
 * Incident list benchmark: seeds N incidents into a fresh SQLite and a fresh PostgreSQL
 * database, starts the real server on each in its own process and drives the list API over
 * loopback HTTP with `wrk`: every case runs each server once per round, alternating which goes
 * first, after a warm-up; the report gives the median of the rounds with their range.
 *   npx tsx bench/incident-list.ts [--dialect sqlite|postgres|both] [--count 100000] [--rounds 3]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { startServerProcess } from '../test/support/server-process.js';
import { encodeCursor } from '../src/server/store/queries/incidents.js';
import { type BenchTarget, postgresTarget, sqliteTarget } from './bench-target.js';
import { machine, writeResult } from './bench-results.js';
import { cpuSeconds } from './process-stats.js';
import { alternate, showSpread, spread } from './wrk/rounds.js';
import { runWrk, type WrkResult } from './wrk/run-wrk.js';
import { RARE_WORD, seedIncidents } from './seed-incidents.js';
import { benchAdminWithToken } from './bench-admin.js';

const { values: args } = parseArgs({
  options: {
    dialect: { type: 'string', default: 'both' },
    count: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    threads: { type: 'string', default: '2' },
    connections: { type: 'string', default: '16' },
  },
});
const COUNT = Number(args.count);
const ROUNDS = Number(args.rounds);
const SECONDS = Number(args.seconds);
const WARMUP = Number(args.warmup);
const THREADS = Number(args.threads);
const CONNECTIONS = Number(args.connections);
const PG_URL = process.env.BEACON_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

interface Prepared {
  token: string;
  deepCursor: string;
  seedSeconds: number;
  databaseVersion: string;
}

/** Migrate, create the bench user and token, seed, and find a cursor half-way down the list. */
async function prepare(target: BenchTarget): Promise<Prepared> {
  const store = target.open();
  try {
    const { user, token } = await benchAdminWithToken(store);
    const started = performance.now();
    await seedIncidents(store, COUNT, user.id, Date.now(), (done) =>
      process.stderr.write(`\r  seeded ${done}/${COUNT}`),
    );
    const seedSeconds = (performance.now() - started) / 1000;
    process.stderr.write(` in ${seedSeconds.toFixed(1)} s\n`);
    // PostgreSQL's autovacuum would analyze a table this size within a minute; do it now.
    if (target.dialect === 'postgres') await sql`ANALYZE`.execute(store.db);
    const middle = await store.db
      .selectFrom('incidents')
      .select(['id', 'created_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .offset(Math.floor(COUNT / 2))
      .limit(1)
      .executeTakeFirstOrThrow();
    return {
      token,
      deepCursor: encodeCursor(middle.created_at, middle.id),
      seedSeconds,
      databaseVersion: await target.version(store),
    };
  } finally {
    await store.close();
  }
}

interface Target {
  name: string;
  target: BenchTarget;
  prepared: Prepared;
  server: Awaited<ReturnType<typeof startServerProcess>>;
}

/** Start the server in its own process on a prepared target. */
async function startTarget(target: BenchTarget, prepared: Prepared): Promise<Target> {
  const server = await startServerProcess(
    ['--import', 'tsx', path.join(BENCH_DIR, 'bench-server.ts')],
    { ...target.serverEnv, LOG_LEVEL: 'warn' },
    path.dirname(BENCH_DIR), // `--import tsx` resolves from the working directory
  );
  return {
    name: prepared.databaseVersion.split(' (')[0] ?? prepared.databaseVersion,
    target,
    prepared,
    server,
  };
}

interface Case {
  name: string;
  /** The paths wrk cycles through (one suffices for a fixed request). */
  paths: (t: Target) => string[];
}

const CASES: Case[] = [
  { name: 'list first page (50)', paths: () => ['/api/v1/incidents?limit=50'] },
  {
    name: 'filtered: investigating + SEV1',
    paths: () => ['/api/v1/incidents?status=investigating&severity=SEV1&limit=50'],
  },
  {
    name: `search q=${RARE_WORD} (~1% of titles)`,
    paths: () => [`/api/v1/incidents?q=${RARE_WORD}&limit=50`],
  },
  {
    name: `deep cursor page (after ${Math.floor(COUNT / 2)})`,
    paths: (t) => [`/api/v1/incidents?limit=50&cursor=${t.prepared.deepCursor}`],
  },
  {
    name: 'get one incident',
    paths: () => Array.from({ length: 1000 }, (_, i) => `/api/v1/incidents/INC-${1 + ((i * 7919) % COUNT)}`),
  },
];

interface Run {
  server: string;
  round: number;
  wrk: WrkResult;
  serverCpuSeconds: number;
}

/** One request of the case first (it must answer 200), then wrk: a warm-up and the measured run. */
async function measure(t: Target, testCase: Case, round: number, workDir: string): Promise<Run> {
  const paths = testCase.paths(t);
  const authorization = `Bearer ${t.prepared.token}`;
  const check = await fetch(`${t.server.url}${paths[0] ?? ''}`, { headers: { authorization } });
  if (check.status !== 200)
    throw new Error(`${testCase.name} on ${t.name}: ${check.status} ${await check.text()}`);
  const file = path.join(workDir, 'paths.txt');
  fs.writeFileSync(file, `${paths.join('\n')}\n`);
  const wrk = (seconds: number) =>
    runWrk({
      url: t.server.url,
      requests: { mode: 'get-file', file, authorization },
      threads: THREADS,
      connections: CONNECTIONS,
      seconds,
    });
  if (WARMUP > 0) await wrk(WARMUP);
  const cpuBefore = cpuSeconds(t.server.child.pid ?? 0);
  const result = await wrk(SECONDS);
  const run = {
    server: t.name,
    round,
    wrk: result,
    serverCpuSeconds: Math.round((cpuSeconds(t.server.child.pid ?? 0) - cpuBefore) * 100) / 100,
  };
  process.stderr.write(
    `  round ${round + 1} ${t.name}: ${result.requestsPerSecond} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ` +
      `${result.non2xx + result.socketErrors} failed, server CPU ${run.serverCpuSeconds} s\n`,
  );
  return run;
}

function report(targets: readonly Target[], runs: Record<string, Run[]>): string {
  const lines = [
    `### Incident list: ${COUNT.toLocaleString('en-US')} incidents, wrk -t${THREADS} -c${CONNECTIONS} -d${SECONDS}s after a ${WARMUP} s warm-up, ${ROUNDS} rounds alternating, median (range)`,
    '',
    '| case | database | req/s | p50 ms | p99 ms | server CPU ms / request | failed |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const testCase of CASES) {
    for (const t of targets) {
      const mine = (runs[testCase.name] ?? []).filter((r) => r.server === t.name);
      lines.push(
        `| ${testCase.name} | ${t.name} | ${showSpread(spread(mine.map((r) => r.wrk.requestsPerSecond)))} | ` +
          `${showSpread(spread(mine.map((r) => r.wrk.p50Ms)), 1)} | ${showSpread(spread(mine.map((r) => r.wrk.p99Ms)), 1)} | ` +
          `${showSpread(spread(mine.map((r) => (r.serverCpuSeconds * 1000) / r.wrk.requests)), 2)} | ` +
          `${mine.reduce((sum, r) => sum + r.wrk.non2xx + r.wrk.socketErrors, 0)} |`,
      );
    }
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const dialects =
    args.dialect === 'both' ? (['sqlite', 'postgres'] as const) : [args.dialect as 'sqlite' | 'postgres'];
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-bench-list-'));
  const targets: Target[] = [];
  const seeded: Record<string, number> = {};
  try {
    for (const dialect of dialects) {
      process.stderr.write(`${dialect}: seeding ${COUNT} incidents…\n`);
      const target = dialect === 'sqlite' ? sqliteTarget() : await postgresTarget(PG_URL);
      const prepared = await prepare(target);
      seeded[prepared.databaseVersion] = prepared.seedSeconds;
      targets.push(await startTarget(target, prepared));
    }
    const runs: Record<string, Run[]> = {};
    for (const testCase of CASES) {
      process.stderr.write(`${testCase.name}\n`);
      const caseRuns: Run[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        for (const t of alternate(targets, round)) caseRuns.push(await measure(t, testCase, round, workDir));
      }
      runs[testCase.name] = caseRuns;
    }
    const result = {
      machine: machine(),
      count: COUNT,
      seedSeconds: seeded,
      settings: {
        threads: THREADS,
        connections: CONNECTIONS,
        seconds: SECONDS,
        warmup: WARMUP,
        rounds: ROUNDS,
      },
      runs,
    };
    const file = writeResult('incident-list', result);
    const seededLine = Object.entries(seeded)
      .map(
        ([name, seconds]) =>
          `${name} seeded in ${seconds.toFixed(1)} s (${Math.round(COUNT / seconds)} incidents/s)`,
      )
      .join('; ');
    console.log(
      `\n${report(targets, runs)}\n\n${seededLine}.\n(raw runs in ${path.relative(process.cwd(), file)})`,
    );
  } finally {
    for (const t of targets) {
      const code = await t.server.stop();
      if (code !== 0) process.stderr.write(`server exited with ${String(code)}:\n${t.server.logs()}\n`);
      await t.target.cleanup();
    }
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

if (
  !['sqlite', 'postgres', 'both'].includes(args.dialect) ||
  !(COUNT > 0) ||
  ![ROUNDS, SECONDS, THREADS, CONNECTIONS].every((n) => Number.isInteger(n) && n > 0) ||
  !(WARMUP >= 0)
) {
  console.error(
    'usage: tsx bench/incident-list.ts [--dialect sqlite|postgres|both] [--count N] [--rounds 3] [--seconds 10]\n' +
      '         [--warmup 2] [--threads 2] [--connections 16]',
  );
  process.exit(2);
}
await main();
