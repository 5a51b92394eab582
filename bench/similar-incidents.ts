/**
 * Similar incidents: ranking quality on the labelled set (recall@1, recall@5, MRR; from the
 * title alone; auto-detected repeats' precision and recall at AUTO_REPEAT_SCORE), then lookup
 * latency of `GET /incidents/{ref}/similar`'s use case at --count incidents on SQLite and
 * PostgreSQL: seeded in batches (or an already seeded database: --sqlite-file, --pg-schema), the
 * index loaded once as a server loads it (time to the first page, to the whole index, RSS), then
 * --lookups lookups of random incidents at concurrency 4 after 100 to warm up, wall time each
 * and CPU time per lookup over the run.
 *   npx tsx bench/similar-incidents.ts [--incidents 1000000] [--dialect sqlite|postgres|both|none] [--lookups 2000]
 */
import { execSync } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { type KyselyPlugin, sql } from 'kysely';
import { AUTO_REPEAT_SCORE, REPEAT_WINDOW_DAYS } from '../src/core/similar/repeats.js';
import { incidentFeatures, SimilarityIndex } from '../src/core/similar/index.js';
import { getSimilarIncidents } from '../src/server/commands/similar/find-similar.js';
import { similarityIndexOf } from '../src/server/commands/similar/live-index.js';
import {
  type LabelledIncident,
  loadLabelledIncidents,
  measureRanking,
} from '../test/support/similar/labelled-incidents.js';
import { machine, writeResult } from './bench-results.js';
import { type BenchTarget, postgresTarget, sqliteTarget } from './bench-target.js';
import { seedSimilarIncidents } from './seed-similar.js';
import { openStore, type Store } from '../src/server/store/store.js';
import { benchContext, createBenchAdmin } from './bench-admin.js';
import type { AppContext } from '../src/server/commands/context.js';

/** The store with every statement run through it counted (transactions too). */
function counted(store: Store): { store: Store; statements: () => number } {
  let statements = 0;
  const counter: KyselyPlugin = {
    transformQuery: (args) => {
      statements += 1;
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };
  const db = store.db.withPlugin(counter);
  return { store: Object.create(store, { db: { value: db } }) as Store, statements: () => statements };
}

/** An already seeded database, kept afterwards (`target` cleans up only what it created). */
function seededTarget(target: BenchTarget, open: () => Store): BenchTarget & { isSeeded: boolean } {
  return { ...target, open, isSeeded: true };
}

const { values: args } = parseArgs({
  options: {
    count: { type: 'string' },
    incidents: { type: 'string', default: '1000000' },
    'sqlite-file': { type: 'string' },
    'pg-schema': { type: 'string' },
    dialect: { type: 'string', default: 'both' },
    lookups: { type: 'string', default: '2000' },
    'seed-only': { type: 'boolean', default: false },
  },
});
const COUNT = Number(args.count ?? args.incidents);
const CONCURRENCY = 4;
const WARM_UP = 100;
const LOOKUPS = Number(args.lookups);
const PG_URL = process.env.BEACON_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DAY = 86_400_000;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Precision and recall of "repeat of an earlier incident within 90 days" at the auto threshold. */
function autoRepeats(incidents: readonly LabelledIncident[]) {
  const index = new SimilarityIndex();
  const services = new Map<string, number>();
  const features = new Map(
    incidents.map((incident) => [
      incident.id,
      incidentFeatures({
        ...incident,
        number: incident.id,
        serviceIds: incident.services.map((name) => {
          if (!services.has(name)) services.set(name, services.size + 1);
          return services.get(name) ?? 0;
        }),
        alertLabels: incident.alerts,
        startedAt: Date.parse(incident.startedAt),
      }),
    ]),
  );
  const groupOf = new Map(incidents.map((incident) => [incident.id, incident.group]));
  for (const incident of incidents) {
    const own = features.get(incident.id);
    if (own) index.put(incident.id, Date.parse(incident.startedAt), own);
  }
  let [truePositives, falsePositives, repeats] = [0, 0, 0];
  for (const incident of incidents) {
    const since = Date.parse(incident.startedAt) - REPEAT_WINDOW_DAYS * DAY;
    const isRepeat = incidents.some(
      (other) =>
        other.id < incident.id && other.group === incident.group && Date.parse(other.startedAt) >= since,
    );
    if (isRepeat) repeats++;
    const own = features.get(incident.id);
    if (!own) continue;
    const [top] = index.lookup({
      incidentId: incident.id,
      beforeId: incident.id,
      features: own,
      limit: 1,
      startedSince: since,
      minScore: AUTO_REPEAT_SCORE,
    });
    if (top && groupOf.get(top.incidentId) === incident.group) truePositives++;
    else if (top) falsePositives++;
  }
  return {
    threshold: AUTO_REPEAT_SCORE,
    precision: truePositives / Math.max(1, truePositives + falsePositives),
    recall: truePositives / Math.max(1, repeats),
  };
}

/** Seed the target; the seconds it took (0 for an already seeded database). */
async function seed(
  target: BenchTarget & { isSeeded?: boolean },
  store: Store,
  labelled: readonly LabelledIncident[],
) {
  if (target.isSeeded) {
    const row = await store.db.selectFrom('incidents').select('id').limit(1).executeTakeFirst();
    if (row) return 0;
  }
  const ctx = benchContext(store);
  const user = await createBenchAdmin(ctx);
  const seedStart = performance.now();
  await seedSimilarIncidents(store, { count: COUNT, userId: user.id, now: Date.now(), labelled }, (done) =>
    process.stderr.write(`\r  ${target.dialect}: seeded ${done}/${COUNT}`),
  );
  const seedSeconds = (performance.now() - seedStart) / 1000;
  process.stderr.write(` in ${seedSeconds.toFixed(1)} s\n`);
  if (target.dialect === 'postgres') await sql`ANALYZE`.execute(store.db);
  return seedSeconds;
}

/** `count` lookups of spread-out incidents, `CONCURRENCY` at a time; wall time of each. */
async function lookups(ctx: AppContext, from: number, count: number) {
  const wall: number[] = [];
  let [next, results] = [from, 0];
  const worker = async () => {
    while (next < from + count) {
      const i = next++;
      const number = 1 + Math.floor((((i * 7919) % 1000) / 1000) * COUNT) + (i % 997);
      const start = process.hrtime.bigint();
      const list = await getSimilarIncidents(ctx, `INC-${Math.min(COUNT, number)}`, { limit: 5 });
      wall.push(Number(process.hrtime.bigint() - start) / 1e6);
      results += list.items.length;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { wall, results };
}

async function measureLatency(
  target: BenchTarget & { isSeeded?: boolean },
  labelled: readonly LabelledIncident[],
) {
  const store = target.open();
  try {
    await store.migrate();
    const seedSeconds = await seed(target, store, labelled);
    if (args['seed-only']) return undefined;
    const counting = counted(store);
    const ctx = benchContext(counting.store);
    const live = similarityIndexOf(counting.store);
    const loadStart = performance.now();
    await live.current();
    const firstPageSeconds = (performance.now() - loadStart) / 1000;
    await live.loaded();
    const loadSeconds = (performance.now() - loadStart) / 1000;
    global.gc?.();
    const rssMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
    process.stderr.write(
      `  ${target.dialect}: first page in ${firstPageSeconds.toFixed(2)} s, index loaded in ${loadSeconds.toFixed(1)} s, RSS ${rssMiB} MiB\n`,
    );
    await lookups(ctx, 0, WARM_UP);
    const loadBefore = os.loadavg()[0] ?? 0;
    const cpuStart = process.cpuUsage();
    const statementsBefore = counting.statements();
    const { wall, results } = await lookups(ctx, WARM_UP, LOOKUPS);
    const used = process.cpuUsage(cpuStart);
    const statementsPerLookup = (counting.statements() - statementsBefore) / LOOKUPS;
    const w = [...wall].sort((a, b) => a - b);
    const ms = (x: number) => Number(x.toFixed(2));
    return {
      dialect: target.dialect,
      version: await target.version(store),
      incidents: COUNT,
      seedSeconds: Math.round(seedSeconds),
      firstPageSeconds: Number(firstPageSeconds.toFixed(2)),
      indexLoadSeconds: Number(loadSeconds.toFixed(1)),
      rssMiB,
      lookups: LOOKUPS,
      concurrency: CONCURRENCY,
      averageResults: results / LOOKUPS,
      wallMedianMs: ms(percentile(w, 50)),
      wallP95Ms: ms(percentile(w, 95)),
      wallP99Ms: ms(percentile(w, 99)),
      cpuPerLookupMs: ms((used.user + used.system) / 1000 / LOOKUPS),
      statementsPerLookup: ms(statementsPerLookup),
      loadAverage: { before: loadBefore, after: os.loadavg()[0] ?? 0 },
    };
  } finally {
    await store.close();
    await target.cleanup();
  }
}

async function main(): Promise<void> {
  const labelled = loadLabelledIncidents();
  const declared = measureRanking(labelled);
  const titleOnly = measureRanking(labelled, { isTitleOnly: true });
  const auto = autoRepeats(labelled);
  const f = (x: number) => x.toFixed(3);
  console.log(
    `${labelled.length} labelled incidents, ${declared.repeats} repeats asking among the incidents before them:`,
  );
  console.log(
    `  as declared   recall@1 ${f(declared.recallAt1)}  recall@5 ${f(declared.recallAt5)}  MRR ${f(declared.mrr)}`,
  );
  console.log(
    `  title only    recall@1 ${f(titleOnly.recallAt1)}  recall@5 ${f(titleOnly.recallAt5)}  MRR ${f(titleOnly.mrr)}`,
  );
  console.log(
    `  auto repeats (score ≥ ${auto.threshold}, within ${REPEAT_WINDOW_DAYS} days)  precision ${f(auto.precision)}  recall ${f(auto.recall)}`,
  );
  const targets: Array<() => Promise<BenchTarget>> = [];
  const sqliteFile = args['sqlite-file'];
  const pgSchema = args['pg-schema'];
  if (args.dialect === 'sqlite' || args.dialect === 'both')
    targets.push(() =>
      Promise.resolve(
        sqliteFile ? seededTarget(sqliteTarget(), () => openStore(sqliteFile)) : sqliteTarget(),
      ),
    );
  if (args.dialect === 'postgres' || args.dialect === 'both')
    targets.push(async () =>
      pgSchema
        ? seededTarget(await postgresTarget(PG_URL), () => openStore(PG_URL, { schema: pgSchema }))
        : postgresTarget(PG_URL),
    );
  const latency = [];
  const commit = execSync('git rev-parse --short HEAD').toString().trim();
  for (const open of targets) {
    const result = await measureLatency(await open(), labelled);
    if (!result) continue;
    latency.push(result);
    console.log(
      `${result.version}, ${result.incidents} incidents (seeded in ${result.seedSeconds} s; first page in ${result.firstPageSeconds} s, index loaded in ${result.indexLoadSeconds} s, RSS ${result.rssMiB} MiB):` +
        ` wall median ${result.wallMedianMs} ms, p95 ${result.wallP95Ms} ms, p99 ${result.wallP99Ms} ms; CPU ${result.cpuPerLookupMs} ms and ${result.statementsPerLookup} SQL statements per lookup` +
        ` (${result.lookups} lookups at concurrency ${result.concurrency}, ${os.availableParallelism()} CPUs, load ${result.loadAverage.before.toFixed(1)}–${result.loadAverage.after.toFixed(1)})`,
    );
  }
  const result = {
    machine: machine(),
    commit,
    quality: {
      incidents: labelled.length,
      repeats: declared.repeats,
      declared: { recallAt1: declared.recallAt1, recallAt5: declared.recallAt5, mrr: declared.mrr },
      titleOnly: { recallAt1: titleOnly.recallAt1, recallAt5: titleOnly.recallAt5, mrr: titleOnly.mrr },
      autoRepeats: auto,
    },
    latency,
  };
  console.log(`raw result: ${writeResult('similar-incidents', result)}`);
}

await main();
