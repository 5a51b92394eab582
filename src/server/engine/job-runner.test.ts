import { describe, expect, it } from 'vitest';
import { type DurableJob, JobRunner } from './job-runner.js';

/** A job over an in-memory queue of numbers; `work` waits until the test releases it. */
function queueJob(
  items: number[],
  options: { later?: number[]; failing?: number; isBlocking?: boolean } = {},
) {
  const done: number[] = [];
  const claims: number[] = [];
  const releases: Array<() => void> = [];
  const job: DurableJob<number> = {
    name: 'numbers',
    claim: (limit) => {
      claims.push(limit);
      return Promise.resolve(items.splice(0, limit));
    },
    work: async (item) => {
      await new Promise<void>((resolve) =>
        // A non-blocking item still finishes later than the tick that started it.
        options.isBlocking === false ? setTimeout(resolve, 5) : releases.push(resolve),
      );
      if (item === options.failing) throw new Error(`item ${item} broke`);
      done.push(item);
      // Finishing this item makes the next of `later` due (the next event of an incident).
      const next = options.later?.shift();
      if (next === undefined) return false;
      items.push(next);
      return true;
    },
    describeFailure: (item) => ({ context: { item }, message: 'item failed' }),
  };
  const releaseAll = async () => {
    while (releases.length > 0) {
      releases.splice(0).forEach((release) => release());
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { job, done, claims, releaseAll };
}

const silentLog = () => {
  const errors: unknown[] = [];
  return { errors, log: { error: (context: unknown) => errors.push(context) } };
};

describe('JobRunner', () => {
  it('claims no more than its free slots, and takes up more as items finish', async () => {
    const { job, done, claims, releaseAll } = queueJob([1, 2, 3, 4, 5]);
    const runner = new JobRunner(job, silentLog().log, { concurrency: 2 });

    expect(await runner.tick()).toBe(2);
    expect(await runner.tick()).toBe(0);
    expect(claims).toEqual([2]);

    await releaseAll();
    await runner.drain();
    expect(done).toEqual([1, 2]);
    expect(await runner.tick()).toBe(2);
    await releaseAll();
    await runner.drain();
    expect(done).toEqual([1, 2, 3, 4]);
  });

  it('claims again at once when finishing an item made more due', async () => {
    const { job, done, releaseAll } = queueJob([1], { later: [2, 3] });
    // The finishing item still holds its slot while the runner claims again.
    const runner = new JobRunner(job, silentLog().log, { concurrency: 2 });

    expect(await runner.tick()).toBe(1);
    const drained = runner.drain();
    await releaseAll();
    await drained;

    expect(done).toEqual([1, 2, 3]);
  });

  it('logs a failed item with its context and goes on with the others', async () => {
    const { job, done, releaseAll } = queueJob([1, 2, 3], { failing: 2 });
    const { log, errors } = silentLog();
    const runner = new JobRunner(job, log, { concurrency: 3 });

    await runner.tick();
    await releaseAll();
    await runner.drain();

    expect(done).toEqual([1, 3]);
    expect(errors).toEqual([{ err: new Error('item 2 broke'), item: 2 }]);
  });

  it('waits for its items within the tick when asked to', async () => {
    const { job, done } = queueJob([1, 2], { isBlocking: false });
    const runner = new JobRunner(job, silentLog().log, { concurrency: 5, isTickAwaitingWork: true });

    expect(await runner.tick()).toBe(2);
    expect(done).toEqual([1, 2]);
  });

  it('stops claiming once closed, after the items in flight finish', async () => {
    const { job, done, claims, releaseAll } = queueJob([1, 2, 3]);
    const runner = new JobRunner(job, silentLog().log, { concurrency: 1 });

    await runner.tick();
    const closed = runner.close();
    await releaseAll();
    await closed;

    expect(done).toEqual([1]);
    expect(await runner.tick()).toBe(0);
    expect(claims).toEqual([1]);
  });
});
