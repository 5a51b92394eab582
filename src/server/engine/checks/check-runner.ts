import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { OutboundAllowList } from '../../../core/net/address-policy.js';
import type { ParsedCheck } from '../../commands/checks/check-config.js';
import { pruneOldCheckResults } from '../../commands/checks/check-history.js';
import type { ProbeResult } from '../../commands/checks/check-state.js';
import { markSilentHeartbeats } from '../../commands/checks/heartbeats.js';
import { claimChecks, recordCheckRun } from '../../commands/checks/run-checks.js';
import type { AppContext } from '../../commands/context.js';
import { JobRunner } from '../job-runner.js';
import { probeHttp } from './http-probe.js';
import { probeTcp } from './tcp-probe.js';

/**
 * Probe one check over the network, reaching internal targets only as `allow` allows, timing
 * it on `now` (the monotonic clock unless a test moves its own).
 */
export function probeCheck(
  check: ParsedCheck,
  allow: OutboundAllowList,
  now?: () => number,
): Promise<ProbeResult> {
  switch (check.type) {
    case 'http':
      return probeHttp(check.config, check.timeout_ms, allow, now);
    case 'tcp':
      return probeTcp(check.config, check.timeout_ms, allow, now);
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
export class CheckRunner extends JobRunner<ParsedCheck> {
  readonly name = 'checks';
  /** This process's lease owner id. */
  readonly owner = randomBytes(8).toString('hex');
  private lastPrunedAt = Number.NEGATIVE_INFINITY;
  private readonly probe: (check: ParsedCheck) => Promise<ProbeResult>;

  constructor(
    private readonly ctx: AppContext,
    log: Pick<FastifyBaseLogger, 'error'>,
    options: { concurrency?: number; probe?: (check: ParsedCheck) => Promise<ProbeResult> } = {},
  ) {
    super(log, { concurrency: options.concurrency ?? 8 });
    this.probe = options.probe ?? ((check) => probeCheck(check, ctx.outboundAllow));
  }

  /** Mark silent heartbeats (counted) and prune old results once a minute. */
  protected override async housekeep(): Promise<number> {
    const marked = await markSilentHeartbeats(this.ctx, this.owner);
    const now = this.ctx.clock.now();
    if (now - this.lastPrunedAt >= PRUNE_EVERY_MS) {
      this.lastPrunedAt = now;
      await pruneOldCheckResults(this.ctx);
    }
    return marked;
  }

  /** Lease up to `limit` due HTTP/TCP checks. */
  protected claim(limit: number): Promise<ParsedCheck[]> {
    return claimChecks(this.ctx, 'probe', this.owner, limit);
  }

  /** Probe one check and record the run. */
  protected async work(check: ParsedCheck): Promise<boolean> {
    const startedAt = this.ctx.clock.now();
    const result = await this.probe(check);
    await recordCheckRun(this.ctx, check, this.owner, result, startedAt);
    return false;
  }

  protected describeFailure(check: ParsedCheck) {
    return { context: { checkId: check.id }, message: 'check run failed; retried when its lease expires' };
  }
}
