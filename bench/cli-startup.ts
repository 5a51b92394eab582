/**
 * CLI start-up benchmark: wall and CPU time of `beacon --help` and `beacon incident list`
 * (against a running server on a fresh SQLite database), run as `node bin/beacon.mjs` from the
 * compiled build, as `node dist/node/<key>/cli/main.js` (what an installed package runs: no
 * check that the sources changed), and through `npx beacon`; and how long compiling the sources
 * takes after a change. Median of N runs with the range.
 *   npx tsx bench/cli-startup.ts [--runs 15]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../bin/build-location.mjs';
import { compileSources } from '../scripts/compile-sources.mjs';
import { BIN, cleanEnv, startServerProcess } from '../test/support/cli/cli-harness.js';
import { machine, writeResult } from './bench-results.js';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(args.runs);

const TIME = '/usr/bin/time';
const hasTime = fs.existsSync(TIME);

/**
 * One run of `beacon …args`: wall milliseconds from start to exit, and the CPU milliseconds
 * (user + system) it used, from GNU time when installed. On a shared machine the CPU time is
 * the steadier figure: wall time there also counts waiting for a core.
 */
function timeOnce(command: string[], env: NodeJS.ProcessEnv): { wall: number; cpu: number } {
  const started = process.hrtime.bigint();
  const result = hasTime
    ? spawnSync(TIME, ['-f', 'cpu %U %S', ...command], { env, cwd: REPO_ROOT, encoding: 'utf8' })
    : spawnSync(command[0] ?? '', command.slice(1), { env, cwd: REPO_ROOT, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command.join(' ')} failed: ${result.stderr}`);
  const cpuLine = /^cpu ([\d.]+) ([\d.]+)$/m.exec(result.stderr);
  const cpu = cpuLine ? (Number(cpuLine[1]) + Number(cpuLine[2])) * 1000 : Number.NaN;
  return { wall, cpu };
}

type Summary = ReturnType<typeof summary>;

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return { median: Math.round(median), min: Math.round(sorted[0] ?? 0), max: Math.round(sorted.at(-1) ?? 0) };
}

const loadBefore = os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(' ');
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
  const node = [process.execPath, BIN];
  const build = await compileSources(REPO_ROOT);
  const cases: Array<[string, string[]]> = [
    ['beacon --help', ['--help']],
    ['beacon incident list', ['incident', 'list']],
  ];
  const modes: Array<[string, string[], Record<string, string>]> = [
    ['compiled', node, {}],
    ['the build alone (main.js)', [process.execPath, path.join(build, 'cli/main.js')], {}],
    ['compiled, through npx', ['npx', '--no-install', 'beacon'], {}],
  ];
  const rows: Array<{ command: string; mode: string; wall: Summary; cpu: Summary }> = [];
  for (const [command, argv] of cases) {
    for (const [mode, prefix, extra] of modes) {
      const env = cleanEnv({ BEACON_URL: server.url, BEACON_TOKEN: token, ...extra });
      timeOnce([...prefix, ...argv], env); // warm-up: the build exists, files are in the page cache
      const measured = Array.from({ length: runs }, () => timeOnce([...prefix, ...argv], env));
      rows.push({
        command,
        mode,
        wall: summary(measured.map((m) => m.wall)),
        cpu: summary(measured.map((m) => m.cpu)),
      });
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

  const range = (x: Summary) => `${x.min}–${x.max} ms`;
  console.log(
    `\nload average before: ${loadBefore}, after: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log('\n| command | runs from | wall, median | wall, range | CPU, median | CPU, range |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const cells = [
      `\`${r.command}\``,
      r.mode,
      `${r.wall.median} ms`,
      range(r.wall),
      `${r.cpu.median} ms`,
      range(r.cpu),
    ];
    console.log(`| ${cells.join(' | ')} |`);
  }
  console.log(
    `\ncompiling the sources (a first run after a change): median ${compile.median} ms, ${range(compile)}`,
  );
  const result = { machine: machine(), runs, loadBefore, rows, compile };
  const file = writeResult('cli-startup', result);
  console.log(`\nraw results: ${path.relative(REPO_ROOT, file)}`);
} finally {
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
