import { expect, it } from 'vitest';
import { describeEachDialect } from '../support/server/test-database.js';
import { fuzzSeed, fuzzServer } from './fuzz-run.js';

// Every inbound format (Alertmanager API v2 and webhook, PagerDuty Events v2, Opsgenie, email
// over HTTP, Beacon events with integration keys) fuzzed over HTTP on loopback: no 5xx, every
// error in the format's own shape, a refused request stores nothing, and requests sent at once
// (one group commit) are answered as they are alone. Replay: BEACON_FUZZ_SEED=<seed>.

const seed = fuzzSeed();
const RUNS_PER_ROUTE = 40;

describeEachDialect('fuzz: every inbound format', (dialect) => {
  it('answers every generated request in its format', { timeout: 600_000 }, async () => {
    const outcome = await fuzzServer(dialect, ['ingest'], { seed, runsPerTarget: RUNS_PER_ROUTE });
    console.info(`fuzz inbound [${dialect}]: ${outcome.requests} requests, seed ${seed}`);
    const failures = outcome.targets.flatMap((t) => (t.failure ? [t.failure] : []));
    expect(failures.length, `replay with BEACON_FUZZ_SEED=${seed}\n\n${failures.join('\n\n')}`).toBe(0);
  });
});
