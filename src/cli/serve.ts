import cluster from 'node:cluster';
import type { Command } from 'commander';
import { buildWebIfStale } from './web-build.js';

/** `beacon serve`: run Beacon (HTTP API, web UI and workers) until SIGTERM/SIGINT. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the Beacon server (configured by environment variables, see docs)')
    .option('--build-web-if-missing', 'build the web UI first if dist/web is missing or out of date')
    .action(async (options: { buildWebIfMissing?: boolean }) => {
      const { loadConfig } = await import('../server/config.js');
      const config = loadConfig();
      // Workers re-run this command: the primary has built the UI already.
      if (options.buildWebIfMissing && cluster.isPrimary) buildWebIfStale();
      const { serveBeacon } = await import('../server/cluster/serve-beacon.js');
      await serveBeacon(config);
    });
}
