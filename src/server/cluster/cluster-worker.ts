import type { Config } from '../config.js';
import { runServer } from '../main.js';
import { CHANGED_MESSAGE, roleOf } from './worker-roles.js';

/**
 * A worker the primary forked: Beacon's HTTP side, plus the durable jobs in the `jobs` worker.
 * A change it makes is told to the primary, which tells the other workers, so their live views
 * look at once; the change feed's poll of the timeline still catches anything a message missed.
 */
export async function runClusterWorker(config: Config): Promise<void> {
  // A stop asked for while starting is kept, and given to the server's own handler once it runs.
  let stopSignal: NodeJS.Signals | undefined;
  const keep = (signal: NodeJS.Signals) => (stopSignal ??= signal);
  process.on('SIGTERM', keep).on('SIGINT', keep);
  const server = await runServer(config, { runsJobs: roleOf(process.env) === 'jobs' });
  process.off('SIGTERM', keep).off('SIGINT', keep);
  if (stopSignal) process.kill(process.pid, stopSignal);
  const local = server.ctx.onIncidentsChanged.bind(server.ctx);
  server.ctx.onIncidentsChanged = () => {
    local();
    if (process.connected) process.send?.(CHANGED_MESSAGE);
  };
  process.on('message', (message: unknown) => {
    if (message === CHANGED_MESSAGE) server.feed.nudge();
  });
}
