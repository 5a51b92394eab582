import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    // A budget that catches a hung test, not a speed the test is expected to reach: tests that
    // start processes (the CLI, `beacon serve`, Prometheus) take four times longer while the
    // machine runs a second suite (`npm run test:stress`). Waits inside tests are for conditions.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Most tests wait on databases, fsync and child processes: three forks keep two cores busy.
    maxWorkers: 3,
  },
});
