import { describe, expect, it } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { JobRunner, type JobRunnerOptions } from './job-runner.js';

/** A job over an in-memory queue of numbers; `work` waits until the test releases it. */
class QueueJob extends JobRunner<number> {
  readonly name = 'numbers';
  readonly done: number[] = [];
  readonly claims: number[] = [];
  housekeeping = 0;
  private readonly releases: Array<() => void> = [];

  constructor(
    private readonly items: number[],
    log: Pick<FastifyBaseLogger, 'error'>,
    options: JobRunnerOptions,
    private readonly behaviour: { later?: number[]; failing?: number; isBlocking?: boolean } = {},
  ) {
    super(log, options);
  }

  /** Let every item waiting in `work` go on, and those they lead to. */
  async releaseAll(): Promise<void> {
    while (this.releases.length > 0) {
      this.releases.splice(0).forEach((release) => release());
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  protected override housekeep(): Promise<number> {
    this.housekeeping++;
    return Promise.resolve(0);
  }

  protected claim(limit: number): Promise<number[]> {
    this.claims.push(limit);
    return Promise.resolve(this.items.splice(0, limit));
  }

  protected async work(item: number): Promise<boolean> {
    await new Promise<void>((resolve) =>
      // A non-blocking item still finishes later than the tick that started it.
      this.behaviour.isBlocking === false ? setTimeout(resolve, 5) : this.releases.push(resolve),
    );
    if (item === this.behaviour.failing) throw new Error(`item ${item} broke`);
    this.done.push(item);
    // Finishing this item makes the next of `later` due (the next event of an incident).
    const next = this.behaviour.later?.shift();
    if (next === undefined) return false;
    this.items.push(next);
    return true;
  }

  protected describeFailure(item: number) {
    return { context: { item }, message: 'item failed' };
  }
}

const silentLog = () => {
  const errors: unknown[] = [];
  return { errors, log: { error: (context: unknown) => errors.push(context) } };
};

describe('JobRunner', () => {
  it('claims no more than its free slots, and takes up more as items finish', async () => {
    const job = new QueueJob([1, 2, 3, 4, 5], silentLog().log, { concurrency: 2 });

    expect(await job.tick()).toBe(2);
    expect(await job.tick()).toBe(0);
    expect(job.claims).toEqual([2]);

    await job.releaseAll();
    await job.drain();
    expect(job.done).toEqual([1, 2]);
    expect(await job.tick()).toBe(2);
    await job.releaseAll();
    await job.drain();
    expect(job.done).toEqual([1, 2, 3, 4]);
  });

  it('claims again at once when finishing an item made more due', async () => {
    // The finishing item still holds its slot while the runner claims again.
    const job = new QueueJob([1], silentLog().log, { concurrency: 2 }, { later: [2, 3] });

    expect(await job.tick()).toBe(1);
    const drained = job.drain();
    await job.releaseAll();
    await drained;

    expect(job.done).toEqual([1, 2, 3]);
  });

  it('logs a failed item with its context and goes on with the others', async () => {
    const { log, errors } = silentLog();
    const job = new QueueJob([1, 2, 3], log, { concurrency: 3 }, { failing: 2 });

    await job.tick();
    await job.releaseAll();
    await job.drain();

    expect(job.done).toEqual([1, 3]);
    expect(errors).toEqual([{ err: new Error('item 2 broke'), item: 2 }]);
  });

  it('waits for its items within the tick when asked to', async () => {
    const job = new QueueJob(
      [1, 2],
      silentLog().log,
      { concurrency: 5, isTickAwaitingWork: true },
      { isBlocking: false },
    );

    expect(await job.tick()).toBe(2);
    expect(job.done).toEqual([1, 2]);
  });

  it('takes up no work once closed, after the items in flight finish', async () => {
    const job = new QueueJob([1, 2, 3], silentLog().log, { concurrency: 1 });

    await job.tick();
    const closed = job.close();
    await job.releaseAll();
    await closed;

    expect(job.done).toEqual([1]);
    expect(await job.tick()).toBe(0);
    expect(job.claims).toEqual([1]);
    expect(job.housekeeping).toBe(1);
  });
});
