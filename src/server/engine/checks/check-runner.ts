import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { ParsedCheck } from '../../commands/checks/check-config.js';
import { pruneOldCheckResults } from '../../commands/checks/check-history.js';
import type { ProbeResult } from '../../commands/checks/check-state.js';
import { markSilentHeartbeats } from '../../commands/checks/heartbeats.js';
import { claimChecks, recordCheckRun } from '../../commands/checks/run-checks.js';
import type { AppContext } from '../../commands/context.js';
import type { WorkerTask } from '../worker.js';
import { probeHttp } from './http-probe.js';
import { probeTcp } from './tcp-probe.js';

/** Probe one check over the network, timing it on `now` (the monotonic clock unless a test moves its own). */
export function probeCheck(check: ParsedCheck, now?: () => number): Promise<ProbeResult> {
  switch (check.type) {
    case 'http':
      return probeHttp(check.config, check.timeout_ms, now);
    case 'tcp':
      return probeTcp(check.config, check.timeout_ms, now);
    case 'heartbeat':
      return Promise.reject(new Error('heartbeat checks are pinged, not probed'));
  }
}

const PRUNE_EVERY_MS = 60_000;

/**
 * Runs the built-in checks of this process. Each tick marks silent heartbeats, prunes old
 * results (once a minute), and leases due HTTP/TCP checks for the free probe slots; probes
 * run in the background, so a slow target never holds up the other background tasks.
 * Several processes on one PostgreSQL share the work: each due check is leased to one.
 */
export class CheckRunner {
  /** This process's lease owner id. */
  readonly owner = randomBytes(8).toString('hex');
  private readonly running = new Set<Promise<void>>();
  private lastPrunedAt = Number.NEGATIVE_INFINITY;
  private readonly concurrency: number;
  private readonly probe: (check: ParsedCheck) => Promise<ProbeResult>;

  constructor(
    private readonly ctx: AppContext,
    private readonly log: Pick<FastifyBaseLogger, 'error'>,
    options: { concurrency?: number; probe?: (check: ParsedCheck) => Promise<ProbeResult> } = {},
  ) {
    this.concurrency = options.concurrency ?? 8;
    this.probe = options.probe ?? probeCheck;
  }

  /** The worker task to `worker.add`. */
  task(): WorkerTask {
    return { name: 'checks', run: () => this.tick() };
  }

  /** Do what is due now and start the probes; returns how many checks it took up. */
  async tick(): Promise<number> {
    let count = await markSilentHeartbeats(this.ctx, this.owner);
    const now = this.ctx.clock.now();
    if (now - this.lastPrunedAt >= PRUNE_EVERY_MS) {
      this.lastPrunedAt = now;
      await pruneOldCheckResults(this.ctx);
    }
    const claimed = await claimChecks(this.ctx, 'probe', this.owner, this.concurrency - this.running.size);
    for (const check of claimed) this.start(check);
    count += claimed.length;
    return count;
  }

  /** Wait for every probe started so far to be recorded (shutdown, tests). */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** One tick, then wait for the probes it started. */
  async runOnce(): Promise<number> {
    const count = await this.tick();
    await this.drain();
    return count;
  }

  private start(check: ParsedCheck): void {
    const run: Promise<void> = this.run(check)
      .catch((error: unknown) => {
        this.log.error({ err: error, checkId: check.id }, 'check run failed; retried when its lease expires');
      })
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  private async run(check: ParsedCheck): Promise<void> {
    const startedAt = this.ctx.clock.now();
    const result = await this.probe(check);
    await recordCheckRun(this.ctx, check, this.owner, result, startedAt);
  }
}
