import type { FastifyBaseLogger } from 'fastify';
import { JobRunner, type DurableJob, type JobRunnerOptions } from './job-runner.js';
import type { WorkerTask } from './worker.js';

/**
 * A durable job run on its own JobRunner, with the runner's controls as its own: the worker
 * task, tick, drain, runOnce and close. Subclasses say how to claim and work an item.
 */
export abstract class BackgroundJob<T> implements DurableJob<T> {
  abstract readonly name: string;
  private readonly runner: JobRunner<T>;

  protected constructor(log: Pick<FastifyBaseLogger, 'error'>, options: JobRunnerOptions) {
    this.runner = new JobRunner(this, log, options);
  }

  abstract claim(limit: number): Promise<T[]>;
  abstract work(item: T): Promise<boolean>;
  abstract describeFailure(item: T, error: unknown): { context: Record<string, unknown>; message: string };

  /** The worker task to `worker.add`. */
  task(): WorkerTask {
    return this.runner.task();
  }

  /** Housekeep, then claim and start what is due; returns how much work it took up. */
  tick(): Promise<number> {
    return this.runner.tick();
  }

  /** Wait for every item started so far, and those they led to, to be finished. */
  drain(): Promise<void> {
    return this.runner.drain();
  }

  /** One tick, then wait for what it started. */
  runOnce(): Promise<number> {
    return this.runner.runOnce();
  }

  /** Stop claiming and wait for the items in flight (shutdown). */
  close(): Promise<void> {
    return this.runner.close();
  }
}
