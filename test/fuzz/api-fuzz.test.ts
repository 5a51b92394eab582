import { expect, it } from 'vitest';
import { describeEachDialect } from '../support/server/test-database.js';
import { fuzzSeed, fuzzServer } from './fuzz-run.js';

// Every /api/v1 operation of the served OpenAPI document, fuzzed over HTTP on loopback as each
// role: no 5xx, every error RFC 9457 problem+json (400s naming the field), a refused request
// changes no row, a malformed id is never taken for another. Replay: BEACON_FUZZ_SEED=<seed>.

const seed = fuzzSeed();
const RUNS_PER_OPERATION = 20;

describeEachDialect('fuzz: every /api/v1 operation', (dialect) => {
  it('answers every generated request as documented', { timeout: 600_000 }, async () => {
    const outcome = await fuzzServer(dialect, ['api'], { seed, runsPerTarget: RUNS_PER_OPERATION });
    console.info(`fuzz /api/v1 [${dialect}]: ${outcome.requests} requests, seed ${seed}`);
    expect(outcome.targets.length).toBeGreaterThan(100);
    const failures = outcome.targets.flatMap((t) => (t.failure ? [t.failure] : []));
    expect(failures.length, `replay with BEACON_FUZZ_SEED=${seed}\n\n${failures.join('\n\n')}`).toBe(0);
  });
});
