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
      if (options.buildWebIfMissing) buildWebIfStale();
      const { runServer } = await import('../server/main.js');
      await runServer(config);
    });
}
