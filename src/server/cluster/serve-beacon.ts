import cluster from 'node:cluster';
import type { Config } from '../config.js';

/**
 * `beacon serve`: one process when `BEACON_WORKERS` is 1; else the primary (which forks the
 * workers, re-running this command) or, in a fork, a worker. Only a worker loads the server.
 */
export async function serveBeacon(config: Config): Promise<void> {
  if (cluster.isWorker) {
    const { runClusterWorker } = await import('./cluster-worker.js');
    return runClusterWorker(config);
  }
  if (config.workers === 1) {
    const { runServer } = await import('../main.js');
    await runServer(config);
    return;
  }
  const { runPrimary } = await import('./cluster-primary.js');
  runPrimary(config);
}
