import cluster, { type Worker as ClusterWorker } from 'node:cluster';
import { pino } from 'pino';
import type { Config } from '../config.js';
import { withServerHeapFlags } from '../observability/heap-flags.js';
import { RestartBackoff } from './restart-backoff.js';
import { CHANGED_MESSAGE, ROLE_VARIABLE, type WorkerRole, rolesOf } from './worker-roles.js';

/** How long the workers get to finish their requests and jobs after SIGTERM. */
const STOP_GRACE_MS = 15_000;

interface Slot {
  role: WorkerRole;
  backoff: RestartBackoff;
  worker?: ClusterWorker;
  startedAt: number;
  restart?: NodeJS.Timeout;
}

/**
 * The primary of `BEACON_WORKERS` > 1: forks the workers, which share the listening ports. The
 * first (the jobs worker) starts alone: it migrates the database and creates the first admin,
 * and the others start once it listens. The primary restarts a worker that dies (with
 * backoff), passes each worker's "incidents changed" on to the others (live updates without
 * waiting for the poll), and on SIGTERM or SIGINT stops them all gracefully. It loads nothing
 * of the server itself, so it stays small.
 */
export function runPrimary(config: Config): void {
  const log = pino({ level: config.logLevel });
  const slots: Slot[] = rolesOf(config.workers).map((role) => ({
    role,
    backoff: new RestartBackoff(),
    startedAt: 0,
  }));
  let isStopping = false;
  let hasListened = false;
  // The workers hold the server; the primary (which loads none of it) keeps Node's defaults.
  cluster.setupPrimary({ execArgv: withServerHeapFlags(process.execArgv, process.env.NODE_OPTIONS) });

  const fork = (slot: Slot) => {
    slot.restart = undefined;
    slot.startedAt = Date.now();
    const worker = cluster.fork({ [ROLE_VARIABLE]: slot.role });
    slot.worker = worker;
    worker.once('listening', () => (hasListened = true));
    worker.on('message', (message: unknown) => {
      if (message !== CHANGED_MESSAGE) return;
      for (const other of slots)
        if (other.worker && other.worker !== worker) other.worker.send(CHANGED_MESSAGE);
    });
    worker.once('exit', (code, signal) => {
      slot.worker = undefined;
      if (isStopping) return;
      if (!hasListened) {
        // It never got as far as listening (a port in use, a bad database): restarting won't help.
        log.fatal({ worker: worker.process.pid, code, signal }, 'a worker failed to start; stopping');
        void stop(1);
        return;
      }
      const delay = slot.backoff.delayAfter(Date.now() - slot.startedAt);
      log.error(
        { worker: worker.process.pid, code, signal, role: slot.role, restartInMs: delay },
        'worker died',
      );
      slot.restart = setTimeout(() => fork(slot), delay);
    });
  };

  const stop = async (exitCode: number) => {
    if (isStopping) return;
    isStopping = true;
    for (const slot of slots) clearTimeout(slot.restart);
    const running = slots.flatMap((slot) => (slot.worker ? [slot.worker] : []));
    // A worker still loading when the signal came has no handler yet: SIGTERM ends it, cleanly.
    const exits = running.map(
      (worker) =>
        new Promise<boolean>((resolve) =>
          worker.once('exit', (code, signal) => resolve(code === 0 || signal === 'SIGTERM')),
        ),
    );
    for (const worker of running) worker.process.kill('SIGTERM');
    const force = setTimeout(() => {
      for (const worker of running) worker.process.kill('SIGKILL');
    }, STOP_GRACE_MS);
    const isClean = await Promise.all(exits);
    clearTimeout(force);
    process.exit(isClean.every(Boolean) ? exitCode : 1);
  };

  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => {
      log.info({ signal }, 'shutting down');
      void stop(0);
    });
  const [first, ...others] = slots;
  if (!first) return;
  fork(first);
  first.worker?.once('listening', () => {
    if (isStopping) return;
    for (const slot of others) fork(slot);
    log.info({ workers: config.workers }, 'Beacon started its workers');
  });
}
