import fc from 'fast-check';
import type { DialectName } from '../support/server/test-database.js';
import { apiTargets } from './api-targets.js';
import { operationsOf } from './api-requests.js';
import { FuzzChecker, type FuzzTarget } from './fuzz-checker.js';
import { FuzzServer } from './fuzz-server.js';
import { ingestTargets } from './ingest-targets.js';

/**
 * The seed the test suite runs with unless `BEACON_FUZZ_SEED` says otherwise: fixed, so that
 * `npm test` passes or fails the same way every time. `npm run fuzz` draws fresh seeds to
 * explore; what it finds becomes a test of its own once fixed.
 */
export const SUITE_SEED = 20_261_207;

/** The seed of this run: `BEACON_FUZZ_SEED`, else `fallback` (printed, so a failure can be replayed). */
export function fuzzSeed(fallback: () => number = () => SUITE_SEED): number {
  const fromEnv = process.env.BEACON_FUZZ_SEED;
  if (fromEnv !== undefined && fromEnv !== '') {
    const seed = Number(fromEnv);
    if (!Number.isInteger(seed)) throw new Error(`BEACON_FUZZ_SEED must be an integer, not ${fromEnv}`);
    return seed;
  }
  return fallback();
}

/** What one target's run found. */
export interface TargetOutcome {
  target: string;
  requests: number;
  /** Wall time of the target's run, shrinking included. */
  ms: number;
  /** fast-check's report (seed, path, shrunk counterexample, error) when a request was answered wrongly. */
  failure?: string;
}

/** The result of fuzzing one server. */
export interface FuzzOutcome {
  dialect: DialectName;
  seed: number;
  requests: number;
  targets: TargetOutcome[];
}

/** Which targets a run covers. */
export type TargetSet = 'api' | 'ingest';

/** Build the targets of `set` for a running server: from its OpenAPI document, or the inbound formats. */
export async function targetsOf(server: FuzzServer, set: TargetSet): Promise<FuzzTarget[]> {
  const doc = await server.openApiDocument();
  if (set === 'api') return apiTargets(doc, server.protectedIds);
  const events = operationsOf(doc).find((op) => op.name === 'POST /api/v1/events');
  if (!events) throw new Error('the OpenAPI document has no POST /api/v1/events');
  return ingestTargets(server.keys, events);
}

/** The name of the run that sends inbound requests together, so they share group commits. */
export const BATCH_TARGET = 'inbound requests sent at once (one group commit)';

/** The name of the run that sends each write twice at once. */
export const TWIN_TARGET = 'API writes sent twice at once';

/** How many requests a run sends: so many per target, or so many in all (spread over the targets). */
export type RunSize = { runsPerTarget: number } | { requests: number };

/**
 * Fuzz each target of `sets` on a fresh server of `dialect`, one target after another, all
 * from `seed`. A failing target is shrunk to a small counterexample (at most `maxShrinks`
 * more requests) and the run goes on with the next target.
 */
export async function fuzzServer(
  dialect: DialectName,
  sets: TargetSet[],
  options: { seed: number; maxShrinks?: number; onTarget?: (outcome: TargetOutcome) => void } & RunSize,
): Promise<FuzzOutcome> {
  const server = await FuzzServer.start(dialect);
  try {
    const checker = new FuzzChecker(server);
    const maxShrinks = options.maxShrinks ?? 100;
    // `runs` scales a property's share: a race needs many tries to come up.
    const runs: { name: string; property: fc.IAsyncProperty<[unknown]>; runs?: number }[] = [];
    for (const set of sets) {
      const targets = await targetsOf(server, set);
      for (const target of targets) {
        const limited = { ...target, requests: fc.limitShrink(target.requests, maxShrinks) };
        runs.push({ name: target.name, property: checker.propertyOf(limited) });
      }
      if (set === 'api') {
        const writes = targets.filter((t) => /^(POST|PUT|PATCH) /.test(t.name));
        runs.push({ name: TWIN_TARGET, property: checker.twinPropertyOf(writes, maxShrinks), runs: 10 });
      }
      if (set === 'ingest') {
        const formats = targets.filter((t) => !t.name.startsWith('broken URLs'));
        runs.push({ name: BATCH_TARGET, property: checker.batchPropertyOf(formats, maxShrinks) });
      }
    }
    const numRuns =
      'runsPerTarget' in options
        ? options.runsPerTarget
        : Math.max(1, Math.ceil(options.requests / runs.length));
    const outcomes: TargetOutcome[] = [];
    for (const { name, property, runs: share = 1 } of runs) {
      const before = checker.requestCount;
      const startedAt = performance.now();
      const details = await fc.check(property, {
        seed: options.seed,
        numRuns: numRuns * share,
        includeErrorInReport: true,
      });
      // The report without stack traces: the counterexample and the fault are what matter.
      const failure = details.failed
        ? fc
            .defaultReportMessage(details)
            ?.replace(/^\s+at .*\n?/gm, '')
            .replace(/\nHint: .*$/m, '')
        : undefined;
      const outcome = {
        target: name,
        requests: checker.requestCount - before,
        ms: Math.round(performance.now() - startedAt),
        ...(failure ? { failure: `${name} [${dialect}]\n${failure}` } : {}),
      };
      outcomes.push(outcome);
      options.onTarget?.(outcome);
    }
    return { dialect, seed: options.seed, requests: checker.requestCount, targets: outcomes };
  } finally {
    await server.close();
  }
}
