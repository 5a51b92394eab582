import type { FastifyBaseLogger } from 'fastify';
import type { WorkerTask } from './worker.js';

/**
 * A durable job: items are rows claimed (leased) in the database, worked on, and finished
 * by recording their outcome in the database, so several processes can share the work.
 */
export interface DurableJob<T> {
  /** The worker task's name, for logs. */
  readonly name: string;
  /** Housekeeping each tick before claiming (pruning, silent heartbeats); returns work counted. */
  housekeep?(): Promise<number>;
  /** Lease up to `limit` due items. */
  claim(limit: number): Promise<T[]>;
  /** Do one item and record its outcome; true when that may have made more items due at once. */
  work(item: T): Promise<boolean>;
  /** What to log when working an item threw (the item's lease runs out and it is retried). */
  describeFailure(item: T, error: unknown): { context: Record<string, unknown>; message: string };
}

/** How a runner takes up work. */
export interface JobRunnerOptions {
  /** Items in flight at once from one process. */
  concurrency: number;
  /** Wait for the items a tick claimed before the tick ends (false: they run in the background). */
  isTickAwaitingWork?: boolean;
}

/**
 * Runs one durable job: each tick housekeeps, claims what free slots allow and works each
 * item; `drain` waits for items in flight, `close` stops claiming and drains (shutdown).
 */
export class JobRunner<T> {
  private readonly running = new Set<Promise<void>>();
  private isClosed = false;

  constructor(
    private readonly job: DurableJob<T>,
    private readonly log: Pick<FastifyBaseLogger, 'error'>,
    private readonly options: JobRunnerOptions,
  ) {}

  /** The worker task to `worker.add`. */
  task(): WorkerTask {
    return { name: this.job.name, run: () => this.tick() };
  }

  /** Housekeep, then claim and start what is due; returns how much work it took up. */
  async tick(): Promise<number> {
    const housekept = this.job.housekeep ? await this.job.housekeep() : 0;
    const claimed = await this.claimAndStart();
    if (this.options.isTickAwaitingWork) await this.drain();
    return housekept + claimed;
  }

  /** Wait for every item started so far, and those they led to, to be finished. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** One tick, then wait for what it started (tests). */
  async runOnce(): Promise<number> {
    const count = await this.tick();
    await this.drain();
    return count;
  }

  /** Stop claiming and wait for the items in flight (shutdown). */
  async close(): Promise<void> {
    this.isClosed = true;
    await this.drain();
  }

  private async claimAndStart(): Promise<number> {
    const free = this.options.concurrency - this.running.size;
    if (this.isClosed || free <= 0) return 0;
    const claimed = await this.job.claim(free);
    for (const item of claimed) this.start(item);
    return claimed.length;
  }

  private start(item: T): void {
    const run: Promise<void> = this.job
      .work(item)
      // Finishing an item may have let another become due (the next event of the same
      // incident): take it at once rather than a tick later.
      .then((hasMoreDue) => (hasMoreDue ? this.claimAndStart() : 0))
      .then(() => undefined)
      .catch((error: unknown) => {
        const { context, message } = this.job.describeFailure(item, error);
        this.log.error({ err: error, ...context }, message);
      })
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }
}
