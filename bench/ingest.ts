/**
 * Alert ingest benchmark: Beacon against Debian's Alertmanager 0.25, side by side, both on
 * 127.0.0.1, driven by the same load generator with the same Alertmanager API v2 bodies.
 *   npx tsx bench/ingest.ts [--dialect sqlite|postgres|both] [--concurrency 32] [--seconds 30]
 * See BENCHMARKS.md ("Alert ingest").
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { alertJson, bodyOf, type LoadResult, runLoad } from './ingest-load.js';
import {
  ALERTMANAGER_BIN,
  type Server,
  createPostgresDatabase,
  cpuSeconds,
  rssMiB,
  sampleRss,
  startAlertmanager,
  startBeacon,
} from './ingest-servers.js';

const { values: args } = parseArgs({
  options: {
    dialect: { type: 'string', default: 'sqlite' },
    concurrency: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '30' },
    'label-sets': { type: 'string', default: '1000' },
    'requests-single': { type: 'string', default: '100000' },
    'requests-batch': { type: 'string', default: '5000' },
    'requests-new': { type: 'string', default: '50000' },
    cases: { type: 'string', default: 'a,b,c' },
  },
});
const CONCURRENCY = Number(args.concurrency);
const SECONDS = Number(args.seconds);
const LABEL_SETS = Number(args['label-sets']);
const BATCH = 100;
const PG_URL = process.env.BEACON_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const RESULTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
const CASES = args.cases.split(',');

if (
  !['sqlite', 'postgres', 'both'].includes(args.dialect) ||
  !(CONCURRENCY > 0) ||
  !(SECONDS > 0) ||
  !(LABEL_SETS >= BATCH && LABEL_SETS % BATCH === 0) ||
  CASES.some((c) => !['a', 'b', 'c'].includes(c))
) {
  console.error(
    'usage: tsx bench/ingest.ts [--dialect sqlite|postgres|both] [--concurrency 32] [--seconds 30]\n' +
      '         [--label-sets 1000] [--requests-single N] [--requests-batch N] [--requests-new N] [--cases a,b,c]',
  );
  process.exit(2);
}
if (!fs.existsSync(ALERTMANAGER_BIN)) {
  console.error(
    `${ALERTMANAGER_BIN} not found: apt-get install prometheus-alertmanager (or set ALERTMANAGER_BIN)`,
  );
  process.exit(2);
}

// Every alert starts when the run starts and is valid for 30 minutes (Prometheus sends
// endsAt ahead of now); nothing expires during the run, so re-sends stay re-sends.
const runStart = Date.now();
const STARTS_AT = new Date(runStart).toISOString();
const ENDS_AT = new Date(runStart + 30 * 60_000).toISOString();

/** The re-sent label sets: one body per alert (a) and one per 100 alerts (b). */
const singles = Array.from({ length: LABEL_SETS }, (_, i) => bodyOf([alertJson(i, STARTS_AT, ENDS_AT)]));
const batches = Array.from({ length: LABEL_SETS / BATCH }, (_, b) =>
  bodyOf(Array.from({ length: BATCH }, (_, i) => alertJson(b * BATCH + i, STARTS_AT, ENDS_AT))),
);
/** All-new label sets (c) start after the re-sent ones. */
const NEW_BASE = 1_000_000;

interface Case {
  id: 'a' | 'b' | 'c';
  name: string;
  alertsPerRequest: number;
  requests: number;
  body: (i: number) => Buffer;
}

const ALL_CASES: Case[] = [
  {
    id: 'a',
    name: `(a) re-send, 1 alert/request, ${LABEL_SETS} label sets round-robin`,
    alertsPerRequest: 1,
    requests: Number(args['requests-single']),
    body: (i) => singles[i % singles.length] as Buffer,
  },
  {
    id: 'b',
    name: `(b) re-send, ${BATCH} alerts/request (${LABEL_SETS / BATCH} batches per round)`,
    alertsPerRequest: BATCH,
    requests: Number(args['requests-batch']),
    body: (i) => batches[i % batches.length] as Buffer,
  },
  {
    id: 'c',
    name: '(c) all-new alerts, 1 alert/request',
    alertsPerRequest: 1,
    requests: Number(args['requests-new']),
    body: (i) => bodyOf([alertJson(NEW_BASE + i, STARTS_AT, ENDS_AT)]),
  },
];

interface Measured extends LoadResult {
  server: string;
  /**
   * CPU seconds the server used during the case (its process; for Beacon on PostgreSQL also
   * the database backends it had open when the case started), and per 1,000 alerts accepted.
   */
  serverCpuSeconds: number;
  cpuMsPerThousandAlerts: number;
  /** CPU seconds of the load generator (this process) during the case. */
  clientCpuSeconds: number;
  peakRssMiB: number;
  rssBeforeMiB: number;
  loadAverage1mBefore: number;
  loadAverage1mAfter: number;
}

const loadAverage = () => Math.round((os.loadavg()[0] ?? 0) * 100) / 100;

/** Create the label sets (b's batches cover all of them), then a JIT warm-up of single re-sends. */
async function warmUp(server: Server): Promise<void> {
  const created = await runLoad({
    url: server.alertsUrl,
    body: (i) => batches[i] as Buffer,
    alertsPerRequest: BATCH,
    requests: batches.length,
    concurrency: 4,
    maxSeconds: 120,
  });
  const warm = await runLoad({
    url: server.alertsUrl,
    body: (i) => singles[i % singles.length] as Buffer,
    alertsPerRequest: 1,
    requests: 3_000,
    concurrency: CONCURRENCY,
    maxSeconds: 60,
  });
  for (const result of [created, warm]) {
    if (result.errors > 0) throw new Error(`${server.name} warm-up failed: ${result.firstError ?? '?'}`);
  }
}

async function measure(server: Server, testCase: Case): Promise<Measured> {
  const loadAverage1mBefore = loadAverage();
  const rssBeforeMiB = Math.round(rssMiB(server.pid));
  const rss = sampleRss(server.pid);
  // Beacon on PostgreSQL: the backends' CPU time is part of the server's work.
  const pids = [server.pid, ...((await server.helperPids?.()) ?? [])];
  const cpuBeforeByPid = pids.map(cpuSeconds);
  // Approximate: a backend that exits, or opens, during the case is left out.
  const cpuUsed = () =>
    pids.reduce((sum, pid, i) => {
      const before = cpuBeforeByPid[i] ?? Number.NaN;
      const after = cpuSeconds(pid);
      return Number.isNaN(before) || Number.isNaN(after) ? sum : sum + after - before;
    }, 0);
  const clientBefore = process.cpuUsage();
  const result = await runLoad({
    url: server.alertsUrl,
    body: testCase.body,
    alertsPerRequest: testCase.alertsPerRequest,
    requests: testCase.requests,
    concurrency: CONCURRENCY,
    maxSeconds: SECONDS,
  });
  const peakRssMiB = rss.stop();
  const serverCpuSeconds = Math.round(cpuUsed() * 100) / 100;
  const client = process.cpuUsage(clientBefore);
  const alerts = result.requestsOk * testCase.alertsPerRequest;
  const measured = {
    server: server.name,
    ...result,
    serverCpuSeconds,
    cpuMsPerThousandAlerts: alerts > 0 ? Math.round((serverCpuSeconds * 1e6) / alerts) : Number.NaN,
    clientCpuSeconds: Math.round((client.user + client.system) / 1e4) / 100,
    peakRssMiB,
    rssBeforeMiB,
    loadAverage1mBefore,
    loadAverage1mAfter: loadAverage(),
  };
  process.stderr.write(
    `  ${testCase.id} ${server.name}: ${measured.alertsPerSecond} alerts/s, p50 ${measured.p50Ms} ms, ` +
      `p99 ${measured.p99Ms} ms, ${measured.requestsOk}/${measured.requestsSent} ok in ${measured.seconds} s, ` +
      `peak RSS ${peakRssMiB} MiB, server CPU ${serverCpuSeconds} s (${measured.cpuMsPerThousandAlerts} ms/1000 alerts), ` +
      `client CPU ${measured.clientCpuSeconds} s, load ${loadAverage1mBefore} → ${measured.loadAverage1mAfter}\n`,
  );
  if (measured.errors > 0)
    process.stderr.write(`    errors ${JSON.stringify(measured.errorKinds)}: ${measured.firstError ?? ''}\n`);
  return measured;
}

/** How many alerts a server holds open now (GET /api/v2/alerts), as a check of the run. */
async function openAlerts(server: Server): Promise<number> {
  const res = await fetch(`${server.alertsUrl}?active=true&silenced=true&inhibited=true`);
  return ((await res.json()) as unknown[]).length;
}

function machine() {
  const cpu =
    /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ??
    os.cpus()[0]?.model ??
    '?';
  return {
    cpus: os.availableParallelism(),
    cpuModel: cpu,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    kernel: os.release(),
    date: new Date().toISOString(),
  };
}

const fmt = (n: number) => n.toLocaleString('en-US');

async function main(): Promise<void> {
  const servers: Server[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(error));
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  try {
    const dialects = args.dialect === 'both' ? ['sqlite', 'postgres'] : [args.dialect];
    for (const dialect of dialects) {
      if (dialect === 'sqlite') {
        const beacon = await startBeacon('Beacon (SQLite)');
        cleanups.push(() => beacon.stop());
        servers.push(beacon);
      } else {
        const database = await createPostgresDatabase(PG_URL);
        cleanups.push(() => database.drop());
        const beacon = await startBeacon('Beacon (PostgreSQL)', database);
        cleanups.push(() => beacon.stop());
        servers.push(beacon);
      }
    }
    const alertmanager = await startAlertmanager();
    cleanups.push(() => alertmanager.stop());
    servers.push(alertmanager);
    for (const server of servers)
      process.stderr.write(`${server.name}: ${server.version} (pid ${server.pid})\n`);

    for (const server of servers) await warmUp(server);
    const results: Record<string, Measured[]> = {};
    // Case by case, each server in turn, so background load on the machine hits both alike.
    for (const testCase of ALL_CASES.filter((c) => CASES.includes(c.id))) {
      process.stderr.write(`${testCase.name}\n`);
      results[testCase.id] = [];
      for (const server of servers) results[testCase.id]?.push(await measure(server, testCase));
    }
    // Every label set of the warm-up and of (c) is still open; Beacon lists at most 10,000.
    const newAlerts = (name: string) => results.c?.find((r) => r.server === name)?.requestsOk ?? 0;
    const open: Record<string, { listed: number; expected: number }> = {};
    for (const server of servers) {
      open[server.name] = { listed: await openAlerts(server), expected: LABEL_SETS + newAlerts(server.name) };
    }

    const result = {
      machine: machine(),
      servers: servers.map((s) => ({ name: s.name, version: s.version })),
      settings: { concurrency: CONCURRENCY, secondsCap: SECONDS, labelSets: LABEL_SETS, batch: BATCH },
      cases: ALL_CASES.filter((c) => CASES.includes(c.id)).map((c) => ({
        id: c.id,
        name: c.name,
        requests: c.requests,
        alertsPerRequest: c.alertsPerRequest,
        results: results[c.id],
      })),
      openAlertsAtEnd: open,
    };
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `ingest-${result.machine.date.replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);

    console.log(
      `\n### Alert ingest: concurrency ${CONCURRENCY}, at most ${SECONDS} s per case, ${os.availableParallelism()} CPUs, load average ${loadAverage()}\n`,
    );
    console.log(
      '| case | server | alerts/s | requests/s | p50 ms | p99 ms | peak RSS MiB | requests ok / sent | errors |',
    );
    console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const c of result.cases) {
      for (const r of c.results ?? []) {
        console.log(
          `| ${c.name} | ${r.server} | ${fmt(r.alertsPerSecond)} | ${fmt(r.requestsPerSecond)} | ${r.p50Ms} | ${r.p99Ms} | ${r.peakRssMiB} | ${fmt(r.cpuMsPerThousandAlerts)} | ${fmt(r.requestsOk)} / ${fmt(r.requestsSent)} | ${r.errors} |`,
        );
      }
    }
    console.log('\nBeacon ÷ Alertmanager, alerts/s:');
    for (const c of result.cases) {
      const am = c.results?.find((r) => r.server === 'Alertmanager');
      for (const r of c.results ?? []) {
        if (r.server === 'Alertmanager' || !am) continue;
        console.log(`  ${c.id} ${r.server}: ${(r.alertsPerSecond / am.alertsPerSecond).toFixed(2)}`);
      }
    }
    console.log(`\nOpen alerts at the end: ${JSON.stringify(open)}`);
    console.log(`(written to ${path.relative(process.cwd(), file)})`);
  } catch (error) {
    for (const server of servers) process.stderr.write(`--- ${server.name} output ---\n${server.logs()}\n`);
    throw error;
  } finally {
    await stopAll();
  }
}

await main();
