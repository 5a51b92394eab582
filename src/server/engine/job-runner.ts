import type { FastifyBaseLogger } from 'fastify';
import type { WorkerTask } from './worker.js';

/** How a job takes up work. */
export interface JobRunnerOptions {
  /** Items in flight at once from one process. */
  concurrency: number;
  /** Wait for the items a tick claimed before the tick ends (false: they run in the background). */
  isTickAwaitingWork?: boolean;
}

/** What to log when working an item threw. */
export interface JobFailure {
  context: Record<string, unknown>;
  message: string;
}

/**
 * A durable job and the loop that runs it. Items are claimed (leased) in the database, worked
 * on, and finished by recording their outcome under the same claim, so several processes
 * share the work and a restarted one takes up what a dead one left. Each tick housekeeps,
 * claims what free slots allow and works each item; `drain` waits for the items in flight,
 * `close` stops claiming and drains (shutdown). A job says only how to claim, work and
 * describe a failure.
 */
export abstract class JobRunner<T> {
  /** The worker task's name, for logs. */
  abstract readonly name: string;
  private readonly running = new Set<Promise<void>>();
  private hasClosed = false;

  protected constructor(
    private readonly failureLog: Pick<FastifyBaseLogger, 'error'>,
    private readonly jobOptions: JobRunnerOptions,
  ) {}

  /** Claim (lease) up to `limit` due items. */
  protected abstract claim(limit: number): Promise<T[]>;
  /** Do one item and record its outcome; true when that may have made more items due at once. */
  protected abstract work(item: T): Promise<boolean>;
  /** What to log when working an item threw (its claim runs out and it is taken up again). */
  protected abstract describeFailure(item: T, error: unknown): JobFailure;

  /** Housekeeping each tick before claiming (pruning, silent heartbeats); returns work counted. */
  protected housekeep(): Promise<number> {
    return Promise.resolve(0);
  }

  /** Whether `close` was called: the job claims nothing more. */
  protected get isClosed(): boolean {
    return this.hasClosed;
  }

  /** The worker task to `worker.add`; the worker closes it when it stops. */
  task(): WorkerTask {
    return { name: this.name, run: () => this.tick(), close: () => this.close() };
  }

  /** Housekeep, then claim and start what is due; returns how much work it took up. */
  async tick(): Promise<number> {
    if (this.hasClosed) return 0;
    const housekept = await this.housekeep();
    const claimed = await this.claimAndStart();
    if (this.jobOptions.isTickAwaitingWork) await this.drain();
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

  /** Stop taking up work and wait for the items in flight (shutdown). */
  async close(): Promise<void> {
    this.hasClosed = true;
    await this.drain();
  }

  private async claimAndStart(): Promise<number> {
    const free = this.jobOptions.concurrency - this.running.size;
    if (this.hasClosed || free <= 0) return 0;
    const claimed = await this.claim(free);
    for (const item of claimed) this.start(item);
    return claimed.length;
  }

  private start(item: T): void {
    const run: Promise<void> = this.work(item)
      // Finishing an item may have let another become due (the next event of the same
      // incident): take it at once rather than a tick later.
      .then((hasMoreDue) => (hasMoreDue ? this.claimAndStart() : 0))
      .then(() => undefined)
      .catch((error: unknown) => {
        const { context, message } = this.describeFailure(item, error);
        this.failureLog.error({ err: error, ...context }, message);
      })
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }
}
