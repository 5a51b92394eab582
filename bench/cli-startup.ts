/**
 * CLI start-up benchmark: wall time of `beacon --help` and `beacon incident list` (against a
 * running server on a fresh SQLite database), run the way users run them (`node bin/beacon.mjs`),
 * from the compiled build and from the TypeScript sources through tsx (BEACON_FROM_SOURCE=1);
 * and how long compiling the sources takes after a change. Median of N runs with the range.
 *   npx tsx bench/cli-startup.ts [--runs 15]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, compileSources } from '../bin/compiled-sources.mjs';
import { BIN, cleanEnv, startServerProcess } from '../test/support/cli/cli-harness.js';
import { machine, writeResult } from './bench-results.js';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(args.runs);

/** Milliseconds one run of `beacon …args` takes, start to exit. */
function timeOnce(argv: string[], env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [BIN, ...argv], { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`beacon ${argv.join(' ')} failed: ${result.stderr}`);
  return ms;
}

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return { median: Math.round(median), min: Math.round(sorted[0] ?? 0), max: Math.round(sorted.at(-1) ?? 0) };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-bench-cli-'));
const server = await startServerProcess([BIN, 'serve'], {
  BEACON_DATA_DIR: dataDir,
  BEACON_ADMIN_EMAIL: 'admin@example.com',
  BEACON_ADMIN_PASSWORD: 'correct-horse-battery',
  LOG_LEVEL: 'warn',
});
try {
  const token = spawnSync(
    process.execPath,
    [BIN, 'token', 'create', '--email', 'admin@example.com', '--name', 'b'],
    {
      env: cleanEnv({ BEACON_DATA_DIR: dataDir }),
      encoding: 'utf8',
    },
  ).stdout.trim();
  const cases = { help: ['--help'], 'incident list': ['incident', 'list'] };
  const modes = { compiled: {}, 'tsx (BEACON_FROM_SOURCE=1)': { BEACON_FROM_SOURCE: '1' } };
  const rows: Array<{ command: string; mode: string; median: number; min: number; max: number }> = [];
  for (const [command, argv] of Object.entries(cases)) {
    for (const [mode, extra] of Object.entries(modes)) {
      const env = cleanEnv({ BEACON_URL: server.url, BEACON_TOKEN: token, ...extra });
      timeOnce(argv, env); // warm-up: the build exists, files are in the page cache
      rows.push({ command, mode, ...summary(Array.from({ length: runs }, () => timeOnce(argv, env))) });
    }
  }
  // A first run after a source changed also compiles: the same sources into an empty folder.
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-bench-src-'));
  fs.cpSync(path.join(REPO_ROOT, 'src'), path.join(copy, 'src'), { recursive: true });
  const compileTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    fs.rmSync(path.join(copy, 'dist'), { recursive: true, force: true });
    const started = process.hrtime.bigint();
    await compileSources(copy);
    compileTimes.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  fs.rmSync(copy, { recursive: true, force: true });
  const compile = summary(compileTimes);

  console.log(`\n| command | runs from | median | range |\n| --- | --- | ---: | ---: |`);
  for (const r of rows)
    console.log(`| \`beacon ${r.command}\` | ${r.mode} | ${r.median} ms | ${r.min}–${r.max} ms |`);
  console.log(
    `| compiling the sources (first run after a change) | esbuild | ${compile.median} ms | ${compile.min}–${compile.max} ms |`,
  );
  const result = { machine: machine(), runs, rows, compile };
  const file = writeResult('cli-startup', result);
  console.log(`\nraw results: ${path.relative(REPO_ROOT, file)}`);
} finally {
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
