import cluster from 'node:cluster';
import type { Config } from '../config.js';
import { runServer } from '../main.js';
import { runPrimary } from './cluster-primary.js';
import { runClusterWorker } from './cluster-worker.js';

/**
 * `beacon serve`: one process when `BEACON_WORKERS` is 1; else the primary (which forks the
 * workers, re-running this command) or, in a fork, a worker.
 */
export async function serveBeacon(config: Config): Promise<void> {
  if (cluster.isWorker) return runClusterWorker(config);
  if (config.workers === 1) {
    await runServer(config);
    return;
  }
  return runPrimary(config);
}
