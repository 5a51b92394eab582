import { parseArgs } from 'node:util';
import { buildWebIfStale } from '../../src/cli/web-build.js';
import { TEST_PG_URL, type DialectName } from '../support/server/test-database.js';
import { type FuzzOutcome, type TargetOutcome, type TargetSet, fuzzSeed, fuzzServer } from './fuzz-run.js';

// `npm run fuzz -- --requests 50000`: the fuzz suite's long run, outside vitest. It fuzzes every
// /api/v1 operation and every inbound format on a fresh server per database (PostgreSQL when
// BEACON_TEST_PG_URL is set), then reports requests, targets covered, failures and the seed.

const USAGE = `usage: npm run fuzz -- [--requests N] [--seed N] [--dialect sqlite|postgres] [--only api|ingest]
  --requests  requests per database, spread over every target (default 50000)
  --seed      replay a run (default: BEACON_FUZZ_SEED, else a fresh seed)
  --dialect   one database only (default: SQLite, and PostgreSQL when BEACON_TEST_PG_URL is set)
  --only      the /api/v1 operations or the inbound formats only`;

function options() {
  const { values } = parseArgs({
    options: {
      requests: { type: 'string', default: '50000' },
      seed: { type: 'string' },
      dialect: { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const requests = Number(values.requests);
  if (!Number.isInteger(requests) || requests < 1)
    throw new Error(`--requests must be a positive integer\n${USAGE}`);
  if (values.seed !== undefined) process.env.BEACON_FUZZ_SEED = values.seed;
  const dialects: DialectName[] =
    values.dialect === 'sqlite' || values.dialect === 'postgres'
      ? [values.dialect]
      : TEST_PG_URL
        ? ['sqlite', 'postgres']
        : ['sqlite'];
  if (dialects.includes('postgres') && !TEST_PG_URL)
    throw new Error('--dialect postgres needs BEACON_TEST_PG_URL');
  const sets: TargetSet[] =
    values.only === 'api' || values.only === 'ingest' ? [values.only] : ['api', 'ingest'];
  return { requests, seed: fuzzSeed(() => Math.floor(Math.random() * 2 ** 31)), dialects, sets };
}

function summary(outcome: FuzzOutcome, seconds: number): string {
  const failed = outcome.targets.filter((t) => t.failure);
  const lines = [
    `${outcome.dialect}: ${outcome.requests} requests to ${outcome.targets.length} targets in ${seconds.toFixed(0)} s, ` +
      `${failed.length} failing, seed ${outcome.seed}`,
    ...failed.map((t) => `  FAIL ${t.target}`),
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { requests, seed, dialects, sets } = options();
  // Paths outside the API reach the web UI, as in `npm test`: it must be built to answer.
  buildWebIfStale();
  if (!TEST_PG_URL)
    console.warn('PostgreSQL is skipped: set BEACON_TEST_PG_URL=postgres://… to fuzz it too.');
  console.log(
    `fuzzing ${sets.join(' and ')} on ${dialects.join(' and ')}: ${requests} requests each, seed ${seed}`,
  );
  const summaries: string[] = [];
  let failures = 0;
  for (const dialect of dialects) {
    const startedAt = performance.now();
    const onTarget = (t: TargetOutcome) =>
      console.log(
        `${dialect} ${t.failure ? 'FAIL' : 'ok  '} ${t.target}: ${t.requests} requests, ${t.ms} ms`,
      );
    const outcome = await fuzzServer(dialect, sets, { seed, requests, onTarget });
    for (const target of outcome.targets) if (target.failure) console.log(`\n${target.failure}`);
    failures += outcome.targets.filter((t) => t.failure).length;
    summaries.push(summary(outcome, (performance.now() - startedAt) / 1000));
  }
  console.log(`\n${summaries.join('\n')}\n\nreplay: BEACON_FUZZ_SEED=${seed} (or --seed ${seed})`);
  process.exitCode = failures > 0 ? 1 : 0;
}

await main();
