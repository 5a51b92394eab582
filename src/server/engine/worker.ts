import type { FastifyBaseLogger } from 'fastify';
import { sweepAlerts } from '../commands/alerts/sweep-alerts.js';
import type { AppContext } from '../commands/context.js';

/** One kind of timed background work; `run` returns how much it did. */
export interface WorkerTask {
  name: string;
  run(ctx: AppContext): Promise<number>;
  /** Stop taking up work and wait for what is in flight (a durable job's `close`). */
  close?(): Promise<void>;
}

/** The timed work every Beacon process does (each task is safe to run from several processes). */
export const DEFAULT_TASKS: WorkerTask[] = [{ name: 'alert-sweep', run: (ctx) => sweepAlerts(ctx) }];

/**
 * Runs background tasks on a timer. Tests call `tick()` after moving the clock instead of
 * waiting for the timer.
 */
export class Worker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly ctx: AppContext,
    private readonly log: Pick<FastifyBaseLogger, 'error'>,
    private readonly tasks: WorkerTask[] = [...DEFAULT_TASKS],
    private readonly intervalMs = 1000,
  ) {}

  /** Add a task (a durable job's `task()`) before `start`. */
  add(task: WorkerTask): void {
    this.tasks.push(task);
  }

  /** Run every task once; a failing task is logged and does not stop the others. */
  tick(): Promise<void> {
    this.running ??= (async () => {
      for (const task of this.tasks) {
        try {
          await task.run(this.ctx);
        } catch (error) {
          this.log.error({ err: error, task: task.name }, 'background task failed');
        }
      }
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Tick every `intervalMs`. */
  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  /** Stop ticking, wait for a tick in progress, then close every task (their work in flight ends). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await Promise.all(this.tasks.flatMap((task) => (task.close ? [task.close()] : [])));
  }
}
