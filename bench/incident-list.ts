/**
 * Incident list benchmark: seeds N incidents into a fresh SQLite or PostgreSQL database,
 * starts the real server on it in a separate process and measures the list API over loopback HTTP.
 *   npx tsx bench/incident-list.ts [--dialect sqlite|postgres|both] [--count 100000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { systemClock } from '../src/core/clock.js';
import { NO_INTERNAL_TARGETS } from '../src/core/net/address-policy.js';
import { startServerProcess } from '../test/support/server-process.js';
import { createTokenForEmail } from '../src/server/commands/tokens.js';
import { createUser } from '../src/server/commands/users.js';
import { encodeCursor } from '../src/server/store/queries/incidents.js';
import { type BenchTarget, postgresTarget, sqliteTarget } from './bench-target.js';
import { type CaseResult, markdownTable, measureCase } from './http-load.js';
import { RARE_WORD, seedIncidents } from './seed-incidents.js';

const { values: args } = parseArgs({
  options: {
    dialect: { type: 'string', default: 'both' },
    count: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '4' },
  },
});
const COUNT = Number(args.count);
const REQUESTS = Number(args.requests);
const CONCURRENCY = Number(args.concurrency);
const PG_URL = process.env.BEACON_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.join(BENCH_DIR, 'results');

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
    await store.migrate();
    const ctx = {
      store,
      clock: systemClock,
      outboundAllow: NO_INTERNAL_TARGETS,
      onIncidentsChanged: () => undefined,
    };
    const email = 'bench@example.com';
    const user = await createUser(ctx, null, {
      email,
      name: 'Bench Admin',
      role: 'admin',
      password: 'bench-password-1',
    });
    const { token } = await createTokenForEmail(ctx, { email, name: 'bench' });
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

/** Start the server in its own process on the target, run every case, stop the server. */
async function measure(target: BenchTarget, prepared: Prepared): Promise<CaseResult[]> {
  const server = await startServerProcess(
    ['--import', 'tsx', path.join(BENCH_DIR, 'bench-server.ts')],
    { ...target.serverEnv, LOG_LEVEL: 'warn' },
    path.dirname(BENCH_DIR), // `--import tsx` resolves from the working directory
  );
  const base = `${server.url}/api/v1`;
  try {
    const options = {
      requests: REQUESTS,
      concurrency: CONCURRENCY,
      warmup: 50,
      headers: { authorization: `Bearer ${prepared.token}` },
    };
    const cases: Array<[string, (i: number) => string]> = [
      ['list first page (50)', () => `${base}/incidents?limit=50`],
      [
        'filtered: investigating + SEV1',
        () => `${base}/incidents?status=investigating&severity=SEV1&limit=50`,
      ],
      [`search q=${RARE_WORD} (~1% of titles)`, () => `${base}/incidents?q=${RARE_WORD}&limit=50`],
      [
        `deep cursor page (after ${Math.floor(COUNT / 2)})`,
        () => `${base}/incidents?limit=50&cursor=${prepared.deepCursor}`,
      ],
      ['get one incident', (i) => `${base}/incidents/INC-${1 + ((i * 7919) % COUNT)}`],
    ];
    const results: CaseResult[] = [];
    for (const [name, urlFor] of cases) {
      results.push(await measureCase(name, urlFor, options));
      process.stderr.write(`  ${name}: done\n`);
    }
    return results;
  } finally {
    const code = await server.stop();
    if (code !== 0) process.stderr.write(`server exited with ${String(code)}:\n${server.logs()}\n`);
  }
}

function machine(databaseVersion: string) {
  const cpu =
    fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1] ??
    os.cpus()[0]?.model ??
    '?';
  return {
    cpus: os.availableParallelism(),
    cpuModel: cpu,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    database: databaseVersion,
    // Other work on the machine skews the figures; recorded so a noisy run is visible.
    loadAverage1m: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
    date: new Date().toISOString(),
  };
}

async function runDialect(dialect: 'sqlite' | 'postgres'): Promise<void> {
  process.stderr.write(`${dialect}: seeding ${COUNT} incidents…\n`);
  const target = dialect === 'sqlite' ? sqliteTarget() : await postgresTarget(PG_URL);
  try {
    const prepared = await prepare(target);
    const cases = await measure(target, prepared);
    const result = {
      dialect,
      count: COUNT,
      seedSeconds: prepared.seedSeconds,
      machine: machine(prepared.databaseVersion),
      cases,
    };
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(
      RESULTS_DIR,
      `incident-list-${dialect}-${result.machine.date.replace(/[:.]/g, '-')}.json`,
    );
    fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      `\n### ${dialect} — ${prepared.databaseVersion}, ${COUNT} incidents, ${REQUESTS} requests per case at concurrency ${CONCURRENCY}\n`,
    );
    console.log(`Load average (1 min) at the end: ${result.machine.loadAverage1m}.`);
    console.log(
      `Seeded in ${prepared.seedSeconds.toFixed(1)} s (${Math.round(COUNT / prepared.seedSeconds)} incidents/s with their timeline rows).\n`,
    );
    console.log(markdownTable(cases));
    console.log(`\n(written to ${path.relative(process.cwd(), file)})`);
  } finally {
    await target.cleanup();
  }
}

if (
  !['sqlite', 'postgres', 'both'].includes(args.dialect) ||
  !(COUNT > 0) ||
  !(REQUESTS > 0) ||
  !(CONCURRENCY > 0)
) {
  console.error(
    'usage: tsx bench/incident-list.ts [--dialect sqlite|postgres|both] [--count N] [--requests N] [--concurrency N]',
  );
  process.exit(2);
}
for (const dialect of args.dialect === 'both'
  ? (['sqlite', 'postgres'] as const)
  : [args.dialect as 'sqlite' | 'postgres']) {
  await runDialect(dialect);
}
