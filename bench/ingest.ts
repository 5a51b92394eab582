/**
 * Alert ingest benchmark: Beacon against Debian's Alertmanager, side by side in one run, both on
 * 127.0.0.1, driven by `wrk` with the same Alertmanager API v2 bodies. Each case runs every
 * server once per round, alternating which goes first, each run after its own warm-up; the
 * report gives the median of the rounds with their range, the servers' CPU time per 1,000
 * alerts and their peak resident memory.
 *   npx tsx bench/ingest.ts [--dialect sqlite|postgres|both] [--rounds 3] [--seconds 10] [--workers 1,2]
 * See BENCHMARKS.md ("Alert ingest").
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { alertJson, bodyOf, newAlertTemplate } from './alert-bodies.js';
import {
  ALERTMANAGER_BIN,
  type Server,
  createPostgresDatabase,
  startAlertmanager,
  startBeacon,
} from './ingest-servers.js';
import { machine, writeResult } from './bench-results.js';
import { cpuSeconds, sampleRss } from './process-stats.js';
import { readStatementCounters, statementsBetween } from './ingest-statements.js';
import { alternate, showSpread, spread } from './wrk/rounds.js';
import { runWrk, type WrkRequests, type WrkResult } from './wrk/run-wrk.js';

const { values: args } = parseArgs({
  options: {
    dialect: { type: 'string', default: 'both' },
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    threads: { type: 'string', default: '2' },
    connections: { type: 'string', default: '64' },
    'label-sets': { type: 'string', default: '1000' },
    cases: { type: 'string', default: 'a,b,c' },
    // BEACON_WORKERS of each Beacon run (a list runs one Beacon per value).
    workers: { type: 'string', default: String(os.availableParallelism()) },
    // Another checkout (e.g. `git archive <commit>` with node_modules linked) run beside this one.
    baseline: { type: 'string' },
  },
});
const ROUNDS = Number(args.rounds);
const SECONDS = Number(args.seconds);
const WARMUP = Number(args.warmup);
const THREADS = Number(args.threads);
const CONNECTIONS = Number(args.connections);
const LABEL_SETS = Number(args['label-sets']);
const BATCH = 100;
const CASES = args.cases.split(',');
const WORKERS = args.workers.split(',').map(Number);
const PG_URL = process.env.BEACON_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

if (
  !['sqlite', 'postgres', 'both'].includes(args.dialect) ||
  ![ROUNDS, SECONDS, THREADS, CONNECTIONS].every((n) => Number.isInteger(n) && n > 0) ||
  !(WARMUP >= 0) ||
  !(LABEL_SETS >= BATCH && LABEL_SETS % BATCH === 0) ||
  CASES.some((c) => !['a', 'b', 'c'].includes(c)) ||
  !WORKERS.every((n) => Number.isInteger(n) && n > 0)
) {
  console.error(
    'usage: tsx bench/ingest.ts [--dialect sqlite|postgres|both] [--rounds 3] [--seconds 10] [--warmup 2]\n' +
      '         [--threads 2] [--connections 64] [--label-sets 1000] [--cases a,b,c] [--workers 1,2]',
  );
  process.exit(2);
}
if (!fs.existsSync(ALERTMANAGER_BIN)) {
  console.error(
    `${ALERTMANAGER_BIN} not found: apt-get install prometheus-alertmanager (or set ALERTMANAGER_BIN)`,
  );
  process.exit(2);
}

// Every alert starts when the run starts and is valid for an hour (Prometheus sends endsAt
// ahead of now); nothing expires during the run, so re-sends stay re-sends.
const runStart = Date.now();
const STARTS_AT = new Date(runStart).toISOString();
const ENDS_AT = new Date(runStart + 60 * 60_000).toISOString();

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-bench-wrk-'));
const writeLines = (name: string, lines: readonly string[]) => {
  const file = path.join(workDir, name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
};
const singles = Array.from({ length: LABEL_SETS }, (_, i) =>
  bodyOf([alertJson(i, STARTS_AT, ENDS_AT)]).toString(),
);
const batches = Array.from({ length: LABEL_SETS / BATCH }, (_, b) =>
  bodyOf(Array.from({ length: BATCH }, (_, i) => alertJson(b * BATCH + i, STARTS_AT, ENDS_AT))).toString(),
);
const singlesFile = writeLines('singles.jsonl', singles);
const batchesFile = writeLines('batches.jsonl', batches);
const templateFile = writeLines('new-alert.json', [newAlertTemplate(STARTS_AT, ENDS_AT)]);

interface Case {
  id: 'a' | 'b' | 'c';
  name: string;
  alertsPerRequest: number;
  /** What wrk sends in run number `run` (new alerts need ids no run has used). */
  requests: (run: number) => WrkRequests;
}

const ALL_CASES: Case[] = [
  {
    id: 'a',
    name: `(a) 1 alert/request, ${LABEL_SETS} label sets re-sent`,
    alertsPerRequest: 1,
    requests: () => ({ mode: 'post-file', file: singlesFile }),
  },
  {
    id: 'b',
    name: `(b) ${BATCH} alerts/request, re-sent`,
    alertsPerRequest: BATCH,
    requests: () => ({ mode: 'post-file', file: batchesFile }),
  },
  {
    id: 'c',
    name: '(c) 1 alert/request, all new',
    alertsPerRequest: 1,
    // Thread t of run r counts from 1e6 + r·1e9 + t·1e8: no id is ever sent twice.
    requests: (run) => ({
      mode: 'post-template',
      file: templateFile,
      firstId: 1_000_000 + run * 1_000_000_000,
    }),
  },
];

interface Run {
  server: string;
  round: number;
  wrk: WrkResult;
  alertsPerSecond: number;
  /** CPU seconds of the server (for Beacon on PostgreSQL with its database backends). */
  serverCpuSeconds: number;
  cpuMsPerThousandAlerts: number;
  peakRssMiB: number;
  loadAverage1m: number;
  /** Beacon with one worker only: database statements per alert, alerts per group commit. */
  statementsPerAlert?: number;
  alertsPerTransaction?: number;
}

let runCount = 0;

/** One measured wrk run against `server`, after a warm-up run of the same requests. */
async function measure(server: Server, testCase: Case, round: number): Promise<Run> {
  const wrk = (seconds: number) =>
    runWrk({
      url: server.alertsUrl,
      requests: testCase.requests(runCount++),
      threads: THREADS,
      connections: CONNECTIONS,
      seconds,
      timeoutSeconds: 30,
    });
  if (WARMUP > 0) await wrk(WARMUP);
  const workers = server.workerPids?.() ?? [];
  const pids = [server.pid, ...workers, ...((await server.helperPids?.()) ?? [])];
  const before = pids.map(cpuSeconds);
  const counters = () => (server.metricsUrl ? readStatementCounters(server.metricsUrl) : undefined);
  const countersBefore = await counters();
  const rss = sampleRss([server.pid, ...workers]);
  const result = await wrk(SECONDS);
  const peakRssMiB = rss.stop();
  const countersAfter = await counters();
  // A backend that opens or exits during the run is left out (PostgreSQL: the pool is steady).
  const serverCpuSeconds = pids.reduce((sum, pid, i) => {
    const used = cpuSeconds(pid) - (before[i] ?? Number.NaN);
    return Number.isNaN(used) ? sum : sum + used;
  }, 0);
  const okAlerts = (result.requests - result.non2xx) * testCase.alertsPerRequest;
  const run: Run = {
    server: server.name,
    round,
    wrk: result,
    alertsPerSecond: Math.round(okAlerts / result.seconds),
    serverCpuSeconds: Math.round(serverCpuSeconds * 100) / 100,
    cpuMsPerThousandAlerts: okAlerts > 0 ? Math.round((serverCpuSeconds * 1e6) / okAlerts) : Number.NaN,
    peakRssMiB,
    loadAverage1m: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
    ...statementsBetween(countersBefore, countersAfter, okAlerts),
  };
  process.stderr.write(
    `  ${testCase.id} round ${round + 1} ${server.name}: ${run.alertsPerSecond} alerts/s, p50 ${result.p50Ms} ms, ` +
      `p99 ${result.p99Ms} ms, ${result.non2xx} non-2xx, ${result.socketErrors} socket errors, ` +
      `CPU ${run.serverCpuSeconds} s (${run.cpuMsPerThousandAlerts} ms/1000 alerts), RSS ${peakRssMiB} MiB` +
      (run.statementsPerAlert === undefined
        ? '\n'
        : `, ${run.statementsPerAlert} statements/alert, ${run.alertsPerTransaction} alerts/commit\n`),
  );
  return run;
}

/** Creates every re-sent label set once, so (a) and (b) measure re-sends only. */
async function prime(server: Server): Promise<void> {
  for (const body of batches) {
    const res = await fetch(server.alertsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    if (!res.ok) throw new Error(`${server.name}: priming answered ${res.status} ${await res.text()}`);
  }
}

interface Summary {
  server: string;
  alertsPerSecond: ReturnType<typeof spread>;
  p50Ms: ReturnType<typeof spread>;
  p99Ms: ReturnType<typeof spread>;
  cpuMsPerThousandAlerts: ReturnType<typeof spread>;
  peakRssMiB: number;
  failed: number;
  statementsPerAlert: number | undefined;
}

function median(values: readonly number[]): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function summarise(runs: readonly Run[], server: string): Summary {
  const mine = runs.filter((r) => r.server === server);
  return {
    server,
    alertsPerSecond: spread(mine.map((r) => r.alertsPerSecond)),
    p50Ms: spread(mine.map((r) => r.wrk.p50Ms)),
    p99Ms: spread(mine.map((r) => r.wrk.p99Ms)),
    cpuMsPerThousandAlerts: spread(mine.map((r) => r.cpuMsPerThousandAlerts)),
    peakRssMiB: Math.max(...mine.map((r) => r.peakRssMiB)),
    failed: mine.reduce((sum, r) => sum + r.wrk.non2xx + r.wrk.socketErrors, 0),
    statementsPerAlert: median(mine.flatMap((r) => r.statementsPerAlert ?? [])),
  };
}

/** The Beacons to run on one database: this checkout per worker count, and the baseline when given. */
function checkouts(database: string): Array<[string, string | undefined, number]> {
  const label = (workers: number) =>
    WORKERS.length > 1 || workers > 1 ? `, ${workers} worker${workers === 1 ? '' : 's'}` : '';
  const current = WORKERS.map((workers): [string, string | undefined, number] => [
    `Beacon (${database}${label(workers)})`,
    undefined,
    workers,
  ]);
  return args.baseline === undefined
    ? current
    : [[`Beacon baseline (${database})`, path.resolve(args.baseline), 1], ...current];
}

async function startServers(cleanups: Array<() => Promise<void>>): Promise<Server[]> {
  const servers: Server[] = [];
  const dialects = args.dialect === 'both' ? ['sqlite', 'postgres'] : [args.dialect];
  for (const dialect of dialects) {
    if (dialect === 'sqlite') {
      for (const [name, root, workers] of checkouts('SQLite')) {
        const beacon = await startBeacon(name, undefined, root, workers);
        cleanups.push(() => beacon.stop());
        servers.push(beacon);
      }
    } else {
      for (const [name, root, workers] of checkouts('PostgreSQL')) {
        const database = await createPostgresDatabase(PG_URL);
        cleanups.push(() => database.drop());
        const beacon = await startBeacon(name, database, root, workers);
        cleanups.push(() => beacon.stop());
        servers.push(beacon);
      }
    }
  }
  const alertmanager = await startAlertmanager();
  cleanups.push(() => alertmanager.stop());
  servers.push(alertmanager);
  return servers;
}

function report(servers: readonly Server[], runs: Record<string, Run[]>): string {
  const lines = [
    `### Alert ingest: wrk -t${THREADS} -c${CONNECTIONS} -d${SECONDS}s after a ${WARMUP} s warm-up, ${ROUNDS} rounds alternating, median (range)`,
    '',
    '| case | server | alerts/s | × Alertmanager | p50 ms | p99 ms | CPU ms / 1,000 alerts | statements / alert | peak RSS MiB | failed |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const testCase of ALL_CASES.filter((c) => CASES.includes(c.id))) {
    const caseRuns = runs[testCase.id] ?? [];
    const am = summarise(caseRuns, 'Alertmanager');
    for (const server of servers) {
      const s = summarise(caseRuns, server.name);
      const ratio = s.alertsPerSecond.median / am.alertsPerSecond.median;
      lines.push(
        `| ${testCase.name} | ${s.server} | ${showSpread(s.alertsPerSecond)} | ${ratio.toFixed(2)} | ` +
          `${showSpread(s.p50Ms, 1)} | ${showSpread(s.p99Ms, 1)} | ${showSpread(s.cpuMsPerThousandAlerts)} | ` +
          `${s.statementsPerAlert === undefined ? '–' : s.statementsPerAlert.toFixed(1)} | ` +
          `${s.peakRssMiB} | ${s.failed} |`,
      );
    }
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const cleanups: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(error));
    fs.rmSync(workDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  let servers: Server[] = [];
  try {
    servers = await startServers(cleanups);
    for (const server of servers) {
      process.stderr.write(`${server.name}: ${server.version} (pid ${server.pid})\n`);
      await prime(server);
    }
    const runs: Record<string, Run[]> = {};
    for (const testCase of ALL_CASES.filter((c) => CASES.includes(c.id))) {
      process.stderr.write(`${testCase.name}\n`);
      const caseRuns: Run[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        for (const server of alternate(servers, round)) caseRuns.push(await measure(server, testCase, round));
      }
      runs[testCase.id] = caseRuns;
    }
    const table = report(servers, runs);
    const result = {
      machine: machine(),
      servers: servers.map((s) => ({ name: s.name, version: s.version })),
      settings: {
        threads: THREADS,
        connections: CONNECTIONS,
        seconds: SECONDS,
        warmup: WARMUP,
        rounds: ROUNDS,
        workers: WORKERS,
        labelSets: LABEL_SETS,
        batch: BATCH,
      },
      runs,
    };
    const file = writeResult('ingest', result);
    console.log(
      `\n${table}\n\n(${os.availableParallelism()} CPUs; raw runs in ${path.relative(process.cwd(), file)})`,
    );
  } catch (error) {
    for (const server of servers) process.stderr.write(`--- ${server.name} output ---\n${server.logs()}\n`);
    throw error;
  } finally {
    await stopAll();
  }
}

await main();
