/**
 * Similar incidents: ranking quality on the labelled set (recall@1, recall@5, MRR; from the
 * title alone; auto-detected repeats' precision and recall at AUTO_REPEAT_SCORE), then lookup
 * latency of `GET /incidents/{ref}/similar`'s use case at --count incidents on SQLite and
 * PostgreSQL: seeded in batches, the index loaded once (time and memory), then --lookups
 * lookups of random incidents, wall and CPU time each.
 *   npx tsx bench/similar-incidents.ts [--count 1000000] [--dialect sqlite|postgres|both|none] [--lookups 2000]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { systemClock } from '../src/core/clock.js';
import { NO_INTERNAL_TARGETS } from '../src/core/net/address-policy.js';
import { AUTO_REPEAT_SCORE, REPEAT_WINDOW_DAYS } from '../src/core/similar/repeats.js';
import { incidentFeatures, SimilarityIndex } from '../src/core/similar/index.js';
import { getSimilarIncidents } from '../src/server/commands/similar/find-similar.js';
import { similarityIndexOf } from '../src/server/commands/similar/live-index.js';
import { createUser } from '../src/server/commands/users.js';
import {
  type LabelledIncident,
  loadLabelledIncidents,
  measureRanking,
} from '../test/support/similar/labelled-incidents.js';
import { machine, writeResult } from './bench-results.js';
import { type BenchTarget, postgresTarget, sqliteTarget } from './bench-target.js';
import { seedSimilarIncidents } from './seed-similar.js';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '1000000' },
    dialect: { type: 'string', default: 'both' },
    lookups: { type: 'string', default: '2000' },
  },
});
const COUNT = Number(args.count);
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

async function measureLatency(target: BenchTarget, labelled: readonly LabelledIncident[]) {
  const store = target.open();
  try {
    await store.migrate();
    const ctx = {
      store,
      clock: systemClock,
      outboundAllow: NO_INTERNAL_TARGETS,
      onIncidentsChanged: () => undefined,
    };
    const user = await createUser(ctx, null, {
      email: 'bench@example.com',
      name: 'Bench Admin',
      role: 'admin',
      password: 'quartz-lantern-bench-7391',
    });
    const seedStart = performance.now();
    await seedSimilarIncidents(store, { count: COUNT, userId: user.id, now: Date.now(), labelled }, (done) =>
      process.stderr.write(`\r  ${target.dialect}: seeded ${done}/${COUNT}`),
    );
    const seedSeconds = (performance.now() - seedStart) / 1000;
    process.stderr.write(` in ${seedSeconds.toFixed(1)} s\n`);
    if (target.dialect === 'postgres') await sql`ANALYZE`.execute(store.db);
    const heapBefore = process.memoryUsage().heapUsed;
    const loadStart = performance.now();
    await similarityIndexOf(store).current();
    const loadSeconds = (performance.now() - loadStart) / 1000;
    global.gc?.();
    const indexHeapMiB = Math.round((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20);
    process.stderr.write(
      `  ${target.dialect}: index loaded in ${loadSeconds.toFixed(1)} s, ~${indexHeapMiB} MiB heap\n`,
    );
    const loadBefore = os.loadavg()[0] ?? 0;
    const wall: number[] = [];
    const cpu: number[] = [];
    let results = 0;
    for (let i = 0; i < LOOKUPS; i++) {
      const number = 1 + Math.floor((((i * 7919) % 1000) / 1000) * COUNT) + (i % 997);
      const cpuStart = process.cpuUsage();
      const start = process.hrtime.bigint();
      const list = await getSimilarIncidents(ctx, `INC-${Math.min(COUNT, number)}`, { limit: 5 });
      wall.push(Number(process.hrtime.bigint() - start) / 1e6);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
      results += list.items.length;
    }
    const [w, c] = [[...wall].sort((a, b) => a - b), [...cpu].sort((a, b) => a - b)];
    const ms = (x: number) => Number(x.toFixed(2));
    return {
      dialect: target.dialect,
      version: await target.version(store),
      incidents: COUNT,
      seedSeconds: Math.round(seedSeconds),
      indexLoadSeconds: Number(loadSeconds.toFixed(1)),
      indexHeapMiB,
      lookups: LOOKUPS,
      averageResults: results / LOOKUPS,
      wallMedianMs: ms(percentile(w, 50)),
      wallP95Ms: ms(percentile(w, 95)),
      wallP99Ms: ms(percentile(w, 99)),
      cpuMedianMs: ms(percentile(c, 50)),
      cpuP99Ms: ms(percentile(c, 99)),
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
  if (args.dialect === 'sqlite' || args.dialect === 'both')
    targets.push(() => Promise.resolve(sqliteTarget()));
  if (args.dialect === 'postgres' || args.dialect === 'both') targets.push(() => postgresTarget(PG_URL));
  const latency = [];
  for (const open of targets) {
    const result = await measureLatency(await open(), labelled);
    latency.push(result);
    console.log(
      `${result.version}, ${result.incidents} incidents (seeded in ${result.seedSeconds} s; index loaded in ${result.indexLoadSeconds} s, ~${result.indexHeapMiB} MiB):` +
        ` wall median ${result.wallMedianMs} ms, p95 ${result.wallP95Ms} ms, p99 ${result.wallP99Ms} ms; CPU median ${result.cpuMedianMs} ms, p99 ${result.cpuP99Ms} ms` +
        ` (${result.lookups} lookups, ${os.availableParallelism()} CPUs, load ${result.loadAverage.before.toFixed(1)})`,
    );
  }
  const result = {
    machine: machine(),
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
