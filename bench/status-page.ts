/**
 * Status page benchmark: Beacon's `summary.json`, `status.json` and `/status` against a bare
 * Node `http` server answering the same bytes, side by side in one run, both on 127.0.0.1 in
 * their own processes, driven by `wrk`. Each target runs both servers once per round,
 * alternating which goes first, each run after its own warm-up; the report gives the median
 * requests/s, p99 and server CPU time per request of the rounds with their range, and Beacon's
 * share of the bare server's requests/s.
 *   npx tsx bench/status-page.ts [--rounds 3] [--seconds 10] [--warmup 2] [--connections 64]
 * See BENCHMARKS.md ("Status page").
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { machine, writeResult } from './bench-results.js';
import type { BareFile } from './status-page-servers.js';
import { cpuSeconds } from './process-stats.js';
import { alternate, showSpread, spread } from './wrk/rounds.js';
import { type WrkResult, runWrk } from './wrk/run-wrk.js';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    threads: { type: 'string', default: '2' },
    connections: { type: 'string', default: '64' },
  },
});
const ROUNDS = Number(args.rounds);
const SECONDS = Number(args.seconds);
const WARMUP = Number(args.warmup);
const THREADS = Number(args.threads);
const CONNECTIONS = Number(args.connections);
if (![ROUNDS, SECONDS, THREADS, CONNECTIONS].every((n) => Number.isInteger(n) && n > 0) || !(WARMUP >= 0)) {
  console.error(
    'usage: tsx bench/status-page.ts [--rounds 3] [--seconds 10] [--warmup 2] [--threads 2] [--connections 64]',
  );
  process.exit(2);
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TARGETS = [
  { name: 'summary.json', path: '/status/api/v2/summary.json' },
  { name: 'status.json', path: '/status/api/v2/status.json' },
  { name: '/status', path: '/status' },
];

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no free port');
  return address.port;
}

interface Server {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Start one of status-page-servers.ts's servers and wait for its READY line. */
async function startServer(kind: 'beacon' | 'bare', dir: string): Promise<Server> {
  const port = await freePort();
  // One process (node with tsx's loader, not tsx's CLI, which runs node as a child): its CPU time is the server's.
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(HERE, 'status-page-servers.ts'), kind, String(port), dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('READY')) resolve();
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', () => reject(new Error(`${kind} server exited:\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name: kind === 'beacon' ? 'Beacon' : 'bare node:http',
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The 1-minute load average, as `uptime` shows it. */
const load = () => Math.round(os.loadavg()[0]! * 100) / 100;
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
const loads: number[] = [load()];

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-bench-status-'));
const beaconDir = path.join(workDir, 'beacon');
const bareDir = path.join(workDir, 'bare');
fs.mkdirSync(beaconDir);
fs.mkdirSync(bareDir);

const beacon = await startServer('beacon', beaconDir);
// The bare server answers with exactly the bytes Beacon sends for each target.
const files: BareFile[] = [];
for (const [i, target] of TARGETS.entries()) {
  const reply = await fetch(`${beacon.url}${target.path}`);
  if (!reply.ok) throw new Error(`${target.path}: ${reply.status}`);
  const file = `${i}.body`;
  fs.writeFileSync(path.join(bareDir, file), Buffer.from(await reply.arrayBuffer()));
  files.push({ path: target.path, contentType: reply.headers.get('content-type') ?? '', file });
}
fs.writeFileSync(path.join(bareDir, 'files.json'), JSON.stringify(files));
const bare = await startServer('bare', bareDir);
const servers = [beacon, bare];

type Run = WrkResult & { cpuUsPerRequest: number; loadAverage: number };
const runs: Record<string, Record<string, Run[]>> = {};
try {
  // Node's JIT needs several seconds of load before a server reaches its steady speed.
  for (const target of TARGETS) {
    const pathsFile = path.join(workDir, 'warm.paths');
    fs.writeFileSync(pathsFile, `${target.path}\n`);
    for (const server of servers) {
      await runWrk({
        url: server.url,
        requests: { mode: 'get-file', file: pathsFile },
        threads: THREADS,
        connections: CONNECTIONS,
        seconds: 8,
      });
    }
  }
  for (const target of TARGETS) {
    const pathsFile = path.join(workDir, `${target.name.replace(/\W/g, '_')}.paths`);
    fs.writeFileSync(pathsFile, `${target.path}\n`);
    runs[target.name] = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const server of alternate(servers, round)) {
        const options = {
          url: server.url,
          requests: { mode: 'get-file' as const, file: pathsFile },
          threads: THREADS,
          connections: CONNECTIONS,
        };
        if (WARMUP > 0) await runWrk({ ...options, seconds: WARMUP });
        const cpuBefore = cpuSeconds(server.pid);
        const measured = await runWrk({ ...options, seconds: SECONDS });
        const cpuUsPerRequest = Math.round(((cpuSeconds(server.pid) - cpuBefore) * 1e6) / measured.requests);
        const result = { ...measured, cpuUsPerRequest, loadAverage: load() };
        loads.push(result.loadAverage);
        if (result.non2xx > 0 || result.socketErrors > 0)
          throw new Error(
            `${server.name} ${target.name}: ${result.non2xx} non-2xx, ${result.socketErrors} socket errors`,
          );
        (runs[target.name]![server.name] ??= []).push(result);
        console.log(
          `${target.name} round ${round + 1} ${server.name}: ${result.requestsPerSecond.toLocaleString('en-US')} req/s, p99 ${result.p99Ms} ms, ${result.cpuUsPerRequest} µs CPU/request, load ${result.loadAverage}`,
        );
      }
    }
  }
} finally {
  for (const server of servers) await server.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
}

const about = machine();
const loadSpread = spread(loads);
console.log(`\n${about.cpus} × ${about.cpuModel}, ${about.memoryGiB} GiB, Node ${about.node}, ${about.date}`);
console.log(`commit ${commit}; 1-minute load average during the run ${showSpread(loadSpread, 1)}`);
console.log(
  `wrk -t${THREADS} -c${CONNECTIONS}, ${ROUNDS} rounds × ${SECONDS} s (after ${WARMUP} s warm-up each)\n`,
);
console.log(
  '| target | server | req/s median (range) | p99 ms median (range) | CPU µs/request median (range) | share of bare (req/s) |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
const summary: Record<string, unknown> = {};
for (const target of TARGETS) {
  const bareRps = spread((runs[target.name]?.[bare.name] ?? []).map((r) => r.requestsPerSecond)).median;
  for (const server of servers) {
    const results = runs[target.name]?.[server.name] ?? [];
    const rps = spread(results.map((r) => r.requestsPerSecond));
    const p99 = spread(results.map((r) => r.p99Ms));
    const cpu = spread(results.map((r) => r.cpuUsPerRequest));
    const share = `${Math.round((rps.median / bareRps) * 100)}%`;
    summary[`${target.name} ${server.name}`] = { rps, p99, cpu, share };
    console.log(
      `| ${target.name} | ${server.name} | ${showSpread(rps)} | ${showSpread(p99, 1)} | ${showSpread(cpu)} | ${share} |`,
    );
  }
}
const result = { machine: about, commit, loadAverage: loadSpread, summary, runs };
const file = writeResult('status-page', result);
console.log(`\nraw runs: ${path.relative(process.cwd(), file)}`);
