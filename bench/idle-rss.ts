/**
 * Idle memory of a Beacon server: starts `beacon serve` on a fresh SQLite database (the web,
 * worker and all roles in one process), waits until it is ready and then `--settle` seconds,
 * and reads its resident memory from /proc, split into anonymous memory (the JavaScript heap,
 * code and native allocations) and mapped files (the node binary and native modules), with
 * the V8 heap figures Beacon's own /metrics reports. Each of N rounds starts a new server.
 *   npx tsx bench/idle-rss.ts [--rounds 3] [--settle 20] [--bin bin/beacon.mjs] [--node-flags='…'] [--workers 1]
 * `--bin` runs another executable, e.g. an installed package's `<prefix>/bin/beacon`;
 * `--node-flags` are given to node before it (e.g. `--max-semi-space-size=1`). `--workers N`
 * (BEACON_WORKERS) above 1 measures each worker the primary forked (a row per worker) and no
 * V8 heap figures (/metrics answers from whichever worker took the connection).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BIN, startServerProcess } from '../test/support/cli/cli-harness.js';
import { childPids } from '../test/support/worker-of-connection.js';
import { machine, writeResult } from './bench-results.js';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    settle: { type: 'string', default: '20' },
    bin: { type: 'string', default: BIN },
    'node-flags': { type: 'string', default: '' },
    workers: { type: 'string', default: '1' },
  },
});
const rounds = Number(args.rounds);
const settleMs = Number(args.settle) * 1000;

/** Memory lines of /proc/<pid>/status, in MiB. */
function procMemory(pid: number): Record<'VmRSS' | 'RssAnon' | 'RssFile' | 'VmHWM', number> {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const mib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) / 1024;
  return { VmRSS: mib('VmRSS'), RssAnon: mib('RssAnon'), RssFile: mib('RssFile'), VmHWM: mib('VmHWM') };
}

/** The V8 heap figures of Beacon's /metrics (prom-client's default process metrics), in MiB. */
async function heapMetrics(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]) / 2 ** 20;
  return {
    heapUsed: value('nodejs_heap_size_used_bytes'),
    heapTotal: value('nodejs_heap_size_total_bytes'),
    external: value('nodejs_external_memory_bytes'),
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const loadavg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const loadBefore = loadavg();
const results: Array<Record<string, number>> = [];
for (let round = 0; round < rounds; round++) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-bench-rss-'));
  const nodeFlags = args['node-flags'].split(' ').filter(Boolean);
  const server = await startServerProcess([...nodeFlags, args.bin, 'serve'], {
    BEACON_DATA_DIR: dataDir,
    BEACON_ADMIN_EMAIL: 'admin@example.com',
    BEACON_ADMIN_PASSWORD: 'correct-horse-battery',
    LOG_LEVEL: 'warn',
    BEACON_WORKERS: args.workers,
  });
  try {
    const pid = server.child.pid ?? 0;
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    if (args.workers !== '1') {
      for (const worker of childPids(pid))
        results.push(Object.fromEntries(Object.entries(procMemory(worker)).map(([k, v]) => [k, round1(v)])));
      continue;
    }
    const heap = await heapMetrics(server.url);
    const memory = procMemory(pid); // after /metrics, which the idle server answered too
    results.push(Object.fromEntries(Object.entries({ ...memory, ...heap }).map(([k, v]) => [k, round1(v)])));
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (key: string) => {
  const sorted = results.map((r) => r[key] ?? Number.NaN).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const keys = ['VmRSS', 'RssAnon', 'RssFile', 'VmHWM', 'heapUsed', 'heapTotal', 'external'];
console.log(
  `\nload average before: ${loadBefore}, after: ${loadavg()}; ${rounds} rounds, ${args.settle} s idle`,
);
console.log(`\n| ${keys.join(' | ')} |`);
console.log(`| ${keys.map(() => '---:').join(' | ')} |`);
for (const r of results)
  console.log(`| ${keys.map((k) => (r[k] === undefined ? '–' : `${r[k]} MiB`)).join(' | ')} |`);
console.log(`\nmedian VmRSS ${median('VmRSS')} MiB (MiB = 2^20 bytes)`);
const result = {
  machine: machine(),
  loadBefore,
  bin: args.bin,
  nodeFlags: args['node-flags'],
  workers: Number(args.workers),
  settleSeconds: Number(args.settle),
  results,
};
const file = writeResult('idle-rss', result);
console.log(`raw results: ${path.relative(process.cwd(), file)}`);
