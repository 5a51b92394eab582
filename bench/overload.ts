/**
 * Overload benchmark: is load shedding honest? Starts `beacon serve` (SQLite), finds the
 * sustainable ingest rate with `wrk` at a few connections, then drives it with many more
 * connections (a closed loop: refused requests come back at once, so the offered rate is well
 * over twice the sustainable one) and prints, per round: offered and accepted requests/s, 503s/s,
 * the accepted requests' latency (p99 bound from Beacon's own histogram, which times every
 * answer; wrk's p99 and max over all answers, refusals included), CPU per accepted request and the server's peak RSS.
 *   npx tsx bench/overload.ts [--rounds 6] [--seconds 3] [--connections 256] [--batch 100]
 * See BENCHMARKS.md ("Overload").
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { alertJson, bodyOf } from './alert-bodies.js';
import { startBeacon, type Server } from './ingest-servers.js';
import { machine, writeResult } from './bench-results.js';
import { cpuSeconds, sampleRss } from './process-stats.js';
import { runWrk } from './wrk/run-wrk.js';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '6' },
    seconds: { type: 'string', default: '3' },
    'base-connections': { type: 'string', default: '4' },
    connections: { type: 'string', default: '256' },
    batch: { type: 'string', default: '100' },
  },
});
const ROUNDS = Number(args.rounds);
const SECONDS = Number(args.seconds);
const BATCH = Number(args.batch);
const ROUTE = '/api/v2/alerts';

/** Requests and latency buckets of the alert route by status class, from one /metrics scrape. */
interface Scrape {
  byStatus: Map<string, number>;
  /** Cumulative counts of 2xx answers at or under each bucket bound (seconds). */
  okBuckets: Map<number, number>;
}

async function scrape(server: Server): Promise<Scrape> {
  const text = await (await fetch(server.metricsUrl ?? '')).text();
  const byStatus = new Map<string, number>();
  const okBuckets = new Map<number, number>();
  const pattern = /^beacon_http_request_duration_seconds_(count|bucket)\{([^}]*)\} (\S+)$/gm;
  for (const [, kind, labels = '', value] of text.matchAll(pattern)) {
    const label = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(labels)?.[1];
    if (!label('route')?.endsWith(ROUTE)) continue;
    const status = label('status_code') ?? '?';
    if (kind === 'count') byStatus.set(status, (byStatus.get(status) ?? 0) + Number(value));
    else if (status.startsWith('2')) {
      const le = label('le') === '+Inf' ? Number.POSITIVE_INFINITY : Number(label('le'));
      okBuckets.set(le, (okBuckets.get(le) ?? 0) + Number(value));
    }
  }
  return { byStatus, okBuckets };
}

/** The smallest bucket bound at or under which 99% of the accepted answers between two scrapes fall. */
function p99Bound(before: Scrape, after: Scrape): number {
  const bounds = [...after.okBuckets.keys()].sort((a, b) => a - b);
  const counts = bounds.map((b) => (after.okBuckets.get(b) ?? 0) - (before.okBuckets.get(b) ?? 0));
  const total = counts.at(-1) ?? 0;
  const index = counts.findIndex((c) => c >= total * 0.99);
  return bounds[index] ?? Number.NaN;
}

const delta = (before: Scrape, after: Scrape, match: (status: string) => boolean) =>
  [...after.byStatus].reduce(
    (sum, [status, n]) => (match(status) ? sum + n - (before.byStatus.get(status) ?? 0) : sum),
    0,
  );

interface Round {
  connections: number;
  offeredPerSecond: number;
  acceptedPerSecond: number;
  refusedPerSecond: number;
  otherPerSecond: number;
  acceptedP99AtMostMs: number;
  wrkP99Ms: number;
  wrkMaxMs: number;
  cpuMsPerAccepted: number;
  peakRssMiB: number;
  loadAverage1m: number;
}

async function round(server: Server, file: string, connections: number): Promise<Round> {
  const before = await scrape(server);
  const cpuBefore = cpuSeconds(server.pid);
  const rss = sampleRss(server.pid);
  const wrk = await runWrk({
    url: server.alertsUrl,
    requests: { mode: 'post-file', file },
    threads: 2,
    connections,
    seconds: SECONDS,
    timeoutSeconds: 30,
  });
  const peakRssMiB = rss.stop();
  const cpu = cpuSeconds(server.pid) - cpuBefore;
  const after = await scrape(server);
  const accepted = delta(before, after, (s) => s.startsWith('2'));
  const refused = delta(before, after, (s) => s === '503' || s === '429');
  const other = delta(before, after, (s) => !s.startsWith('2') && s !== '503' && s !== '429');
  const perSecond = (n: number) => Math.round(n / wrk.seconds);
  return {
    connections,
    offeredPerSecond: perSecond(wrk.requests),
    acceptedPerSecond: perSecond(accepted),
    refusedPerSecond: perSecond(refused),
    otherPerSecond: perSecond(other + wrk.socketErrors),
    acceptedP99AtMostMs: p99Bound(before, after) * 1000,
    wrkP99Ms: wrk.p99Ms,
    wrkMaxMs: wrk.maxMs,
    cpuMsPerAccepted: Math.round((cpu * 1000 * 100) / Math.max(accepted, 1)) / 100,
    peakRssMiB,
    loadAverage1m: Math.round((os.loadavg()[0] ?? 0) * 10) / 10,
  };
}

const show = (label: string, r: Round) =>
  console.log(
    `| ${label} | ${r.connections} | ${r.offeredPerSecond} | ${r.acceptedPerSecond} | ${r.refusedPerSecond} | ` +
      `${r.otherPerSecond} | ≤ ${r.acceptedP99AtMostMs} ms | ${r.wrkP99Ms} ms | ${r.wrkMaxMs} ms | ${r.cpuMsPerAccepted} | ` +
      `${r.peakRssMiB} MiB | ${r.loadAverage1m} |`,
  );

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-bench-overload-'));
const startsAt = new Date().toISOString();
const endsAt = new Date(Date.now() + 60 * 60_000).toISOString();
// 10 bodies of BATCH alerts each, re-sent: the writer, not the HTTP side, is the bottleneck.
const bodies = Array.from({ length: 10 }, (_, b) =>
  bodyOf(Array.from({ length: BATCH }, (_, i) => alertJson(b * BATCH + i, startsAt, endsAt))).toString(),
);
const file = path.join(workDir, 'bodies.jsonl');
fs.writeFileSync(file, `${bodies.join('\n')}\n`);

const loadBefore = os.loadavg().map((l) => l.toFixed(1));
const server = await startBeacon('beacon');
const rounds: Array<{ phase: string } & Round> = [];
try {
  console.log(`\n${BATCH} alerts/request, ${SECONDS} s rounds; load average before: ${loadBefore.join(' ')}`);
  console.log(
    '\n| phase | connections | offered req/s | accepted req/s | 503+429/s | other/s | accepted p99 | wrk p99 (all) | wrk max (all) | CPU ms/accepted | peak RSS | load 1m |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  await round(server, file, Number(args['base-connections'])); // warm-up
  const base = await round(server, file, Number(args['base-connections']));
  rounds.push({ phase: 'sustainable', ...base });
  show('sustainable', base);
  for (let i = 0; i < ROUNDS; i++) {
    const r = await round(server, file, Number(args.connections));
    rounds.push({ phase: `overload ${i + 1}`, ...r });
    show(`overload ${i + 1}`, r);
  }
  const recovered = await round(server, file, Number(args['base-connections']));
  rounds.push({ phase: 'after', ...recovered });
  show('after', recovered);
} finally {
  await server.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
}
const result = { machine: machine(), loadBefore, batch: BATCH, seconds: SECONDS, rounds };
console.log(`raw results: ${path.relative(process.cwd(), writeResult('overload', result))}`);
