/**
 * `npm run test:stress [-- --rounds N --load suite|cpu|both]`: run the whole suite N times
 * (default 3) while the machine is busy, to find the races a quiet machine hides.
 *
 * - `--load suite` (default): each round runs two full suites at the same time in this
 *   checkout; both must pass.
 * - `--load cpu`: each round runs one suite with a busy loop on every core beside it.
 * - `--load both`: two suites and the busy loops.
 *
 * It stops at the first failing round, prints the failed tests of each run and exits 1.
 * The suites run exactly as `npm test` does (same environment, so the PostgreSQL half runs
 * when BEACON_TEST_PG_URL is set). A failure found here is a defect to fix at its root,
 * never to retry.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { buildWebIfStale } from '../src/cli/web-build.js';

type Load = 'suite' | 'cpu' | 'both';

interface Options {
  rounds: number;
  load: Load;
}

function parseOptions(args: string[]): Options {
  const options: Options = { rounds: 3, load: 'suite' };
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = (args[i] ?? '').split('=', 2);
    const value = inline ?? args[++i];
    if (name === '--rounds' && value && /^[1-9]\d*$/.test(value)) options.rounds = Number(value);
    else if (name === '--load' && (value === 'suite' || value === 'cpu' || value === 'both'))
      options.load = value;
    else {
      console.error('usage: npm run test:stress -- [--rounds N] [--load suite|cpu|both]');
      process.exit(2);
    }
  }
  return options;
}

/** One busy loop per core, at normal priority, until killed. */
function startCpuHogs(): ChildProcess[] {
  return Array.from({ length: availableParallelism() }, () =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
  );
}

interface SuiteRun {
  name: string;
  code: number | null;
  log: string;
}

/** `vitest run` (the README's `npm test`), its output written to `log` as it runs. */
function runSuite(name: string, logDir: string): Promise<SuiteRun> {
  const log = join(logDir, `${name}.log`);
  const out = createWriteStream(log);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run'], {
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.on('error', reject);
    child.on('close', (code) => out.end(() => resolve({ name, code, log })));
  });
}

/** The lines of a vitest report that name failed tests, and its totals. */
function summary(log: string): string[] {
  return stripVTControlCharacters(log)
    .split('\n')
    .filter((line) => /^\s*(FAIL|×)\s|^\s*(Test Files|Tests|Duration)\s/.test(line))
    .map((line) => line.trim());
}

async function main(): Promise<void> {
  const { rounds, load } = parseOptions(process.argv.slice(2));
  const logDir = join(tmpdir(), `beacon-stress-${Date.now()}`);
  mkdirSync(logDir, { recursive: true });
  // Build the UI once, so the parallel suites never race to build it.
  buildWebIfStale();
  const suites = load === 'cpu' ? 1 : 2;
  console.log(
    `stress: ${rounds} round(s), ${suites} suite(s) at once${load === 'suite' ? '' : ', a busy loop per core'}; logs in ${logDir}`,
  );
  for (let round = 1; round <= rounds; round++) {
    const started = Date.now();
    const hogs = load === 'suite' ? [] : startCpuHogs();
    let runs: SuiteRun[];
    try {
      runs = await Promise.all(
        Array.from({ length: suites }, (_, i) => runSuite(`round-${round}-suite-${i + 1}`, logDir)),
      );
    } finally {
      for (const hog of hogs) hog.kill('SIGKILL');
    }
    const seconds = Math.round((Date.now() - started) / 1000);
    const failed = runs.filter((run) => run.code !== 0);
    console.log(`round ${round}/${rounds}: ${failed.length === 0 ? 'passed' : 'FAILED'} in ${seconds} s`);
    for (const run of runs) {
      for (const line of summary(readFileSync(run.log, 'utf8'))) console.log(`  ${run.name}: ${line}`);
    }
    if (failed.length > 0) {
      console.log(
        `stress: failed in round ${round}; full output in ${failed.map((run) => run.log).join(', ')}`,
      );
      process.exit(1);
    }
  }
  console.log(`stress: all ${rounds} round(s) passed`);
}

await main();
