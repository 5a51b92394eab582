import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** Debian's `prometheus` package provides promtool. */
export const PROMTOOL = process.env.PROMTOOL_BIN ?? '/usr/bin/promtool';

/**
 * Whether promtool is installed; with BEACON_REQUIRE_REAL_CLIENTS=1 (CI) a missing promtool is
 * an error, otherwise the caller skips and this says so loudly.
 */
export function havePromtool(): boolean {
  try {
    fs.accessSync(PROMTOOL, fs.constants.X_OK);
    return true;
  } catch {
    const message = `${PROMTOOL} not installed (apt-get install prometheus)`;
    if (process.env.BEACON_REQUIRE_REAL_CLIENTS === '1')
      throw new Error(`${message}, and BEACON_REQUIRE_REAL_CLIENTS=1`);
    console.warn(`\n  SKIPPED the promtool checks of /metrics: ${message}.\n`);
    return false;
  }
}

/** `promtool check metrics` on an exposition: its exit code and what it printed. */
export function promtoolCheckMetrics(exposition: string): { status: number | null; output: string } {
  const result = spawnSync(PROMTOOL, ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
