import { OverloadedError } from '../../core/errors.js';
import { DrainRate } from '../../core/shedding/drain-rate.js';
import { QueueDelayGate } from '../../core/shedding/queue-delay-gate.js';
import { type AlertSubmission, ingestAlertBatch } from '../commands/alerts/ingest-alerts.js';
import type { EventOutcome } from '../commands/alerts/process-alert-events.js';
import type { AppContext } from '../commands/context.js';
import { safeAlertEvent } from './safe-event.js';
import { alertsIngested, ingestBatchSize, ingestQueueDepth } from '../observability/process-metrics.js';

interface Waiting {
  submission: AlertSubmission;
  /** When it joined the queue (the context's clock). */
  since: number;
  resolve(outcomes: EventOutcome[]): void;
  reject(error: unknown): void;
}

/** Limits of the ingest queue. */
export interface IngestQueueOptions {
  /**
   * The shedding rule: once the oldest waiting request has waited longer than this for this
   * long again, new requests are refused with 503 + Retry-After until the wait falls back.
   */
  maxQueueDelayMs: number;
  /** A bound on memory whatever the delay: events waiting beyond this are refused too. */
  maxPendingEvents: number;
  /** Events written per transaction at most. */
  maxBatchEvents: number;
  /**
   * Transactions in flight at once. PostgreSQL: several, so one batch's round trips overlap
   * the previous one's commit (the per-service lock still orders them); SQLite has one writer.
   */
  maxConcurrentBatches: number;
}

/** Requests waiting per running writer before another writer starts. */
const BEHIND = 16;

/** Retry-After never says more than this (seconds). */
const MAX_RETRY_AFTER_SECONDS = 60;

const DEFAULTS: IngestQueueOptions = {
  maxQueueDelayMs: 250,
  maxPendingEvents: 20_000,
  maxBatchEvents: 2_000,
  maxConcurrentBatches: 1,
};

/**
 * Group commit for inbound alerts: requests arriving while a transaction commits are
 * written together in the next one, and each request is answered only after its events are
 * on disk. The queue sheds by delay (`QueueDelayGate`): while its oldest request has waited too
 * long, new requests are refused with a Retry-After from the backlog and the measured commit
 * rate, so the requests it takes are answered in bounded time; `maxPendingEvents` bounds memory.
 *
 * One request's events never fail another's: each event is cleaned and checked before it
 * joins a batch (`safeAlertEvent`), and a batch that still fails is written again one request
 * at a time, so only the faulty request fails and the others commit.
 */
export class IngestQueue {
  private waiting: Waiting[] = [];
  private pendingEvents = 0;
  private readonly writers = new Set<Promise<void>>();
  /**
   * Writers still taking batches. A writer counts itself out in the same step as it finds
   * nothing waiting, so a request queued after that step always starts a writer of its own.
   */
  private runningWriters = 0;
  private readonly options: IngestQueueOptions;
  private readonly gate: QueueDelayGate;
  private readonly drainRate = new DrainRate();
  /** Inbound requests admitted and not yet answered, by ticket: when each arrived (insertion order). */
  private readonly inFlight = new Map<number, number>();
  private nextTicket = 0;

  constructor(
    private readonly ctx: AppContext,
    options: Partial<IngestQueueOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    const delay = this.options.maxQueueDelayMs;
    this.gate = new QueueDelayGate({
      targetMs: delay,
      intervalMs: delay,
      maxRetryAfterSeconds: MAX_RETRY_AFTER_SECONDS,
    });
  }

  /** Queue a request's events; resolves with their outcomes once committed. */
  submit(request: AlertSubmission): Promise<EventOutcome[]> {
    let submission: AlertSubmission;
    try {
      submission = { origin: request.origin, events: request.events.map(safeAlertEvent) };
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const count = submission.events.length;
    const now = this.ctx.clock.now();
    const refusal = this.refusal(now, count);
    if (refusal) return Promise.reject(refusal);
    this.pendingEvents += count;
    ingestQueueDepth.inc(count);
    const done = new Promise<EventOutcome[]>((resolve, reject) => {
      this.waiting.push({ submission, since: now, resolve, reject });
    });
    // Another writer only when the running ones fall behind: small batches cost round trips.
    const isBehind = this.waiting.length >= BEHIND * this.runningWriters;
    if (this.runningWriters < this.options.maxConcurrentBatches && isBehind) {
      this.runningWriters++;
      const writer: Promise<void> = this.writeBatches().finally(() => this.writers.delete(writer));
      this.writers.add(writer);
    }
    return done;
  }

  /**
   * Admit an inbound request before its body is read, or throw OverloadedError. An admitted
   * request counts as in flight until `leave` is called with the returned ticket: while the
   * oldest in flight has waited too long, parsing more bodies would only make every answer later.
   */
  enter(): number {
    const refusal = this.refusal(this.ctx.clock.now(), 0);
    if (refusal) throw refusal;
    const ticket = this.nextTicket++;
    this.inFlight.set(ticket, this.ctx.clock.now());
    return ticket;
  }

  /** An admitted request was answered (or abandoned). */
  leave(ticket: number): void {
    this.inFlight.delete(ticket);
  }

  /** Why a request of `count` events arriving at `now` is refused, if it is. */
  private refusal(now: number, count: number): OverloadedError | undefined {
    const state = {
      oldestSince: this.oldestSince(),
      backlog: this.pendingEvents,
      drainPerSecond: this.drainRate.perSecond,
    };
    const admission = this.gate.admit(now, state);
    if (!admission.isAdmitted) return new OverloadedError(admission.retryAfterSeconds);
    if (this.pendingEvents > 0 && this.pendingEvents + count > this.options.maxPendingEvents) {
      return new OverloadedError(this.gate.retryAfterSeconds(now, state));
    }
    return undefined;
  }

  /** When the oldest request still unanswered arrived: in flight (body, parsing) or queued. */
  private oldestSince(): number | undefined {
    const flying = this.inFlight.values().next();
    const queued = this.waiting[0]?.since;
    if (flying.done) return queued;
    return queued === undefined ? flying.value : Math.min(flying.value, queued);
  }

  /** Events accepted but not yet committed. */
  get depth(): number {
    return this.pendingEvents;
  }

  /** One writer: take batches and commit them until nothing waits. */
  private async writeBatches(): Promise<void> {
    try {
      // Let the requests arriving in this tick join the first batch.
      await new Promise((resolve) => setImmediate(resolve));
      // No await between finding nothing waiting and counting this writer out (finally).
      while (this.waiting.length > 0) await this.writeNextBatch();
    } finally {
      this.runningWriters--;
    }
  }

  /** Commit the next batch; when it fails, its requests one at a time, so only the faulty one fails. */
  private async writeNextBatch(): Promise<void> {
    const batch = this.takeBatch();
    const started = this.ctx.clock.now();
    this.gate.observe(started, { oldestSince: this.oldestSince() });
    const events = batch.reduce((sum, w) => sum + w.submission.events.length, 0);
    try {
      await this.writeBatch(batch);
      this.drainRate.record(events, this.ctx.clock.now() - started);
    } catch (error) {
      if (batch.length === 1) batch[0]?.reject(error);
      else for (const w of batch) await this.writeBatch([w]).catch((e: unknown) => w.reject(e));
    } finally {
      this.pendingEvents -= events;
      ingestQueueDepth.dec(events);
    }
  }

  /** Commit a batch in one transaction and answer its requests; throws when it does not commit. */
  protected async writeBatch(batch: readonly Waiting[]): Promise<void> {
    const results = await ingestAlertBatch(
      this.ctx,
      batch.map((w) => w.submission),
    );
    ingestBatchSize.observe(batch.reduce((sum, w) => sum + w.submission.events.length, 0));
    batch.forEach((w, i) => {
      const result = results[i] ?? [];
      if (result instanceof Error) w.reject(result);
      else {
        alertsIngested.inc({ source: w.submission.origin.source ?? 'other' }, w.submission.events.length);
        w.resolve(result);
      }
    });
  }

  private takeBatch(): Waiting[] {
    const batch: Waiting[] = [];
    let events = 0;
    while (this.waiting.length > 0) {
      const next = this.waiting[0] as Waiting;
      if (batch.length > 0 && events + next.submission.events.length > this.options.maxBatchEvents) break;
      batch.push(this.waiting.shift() as Waiting);
      events += next.submission.events.length;
    }
    return batch;
  }

  /** Wait until everything queued is written (for shutdown). */
  async drain(): Promise<void> {
    while (this.writers.size > 0) await Promise.all(this.writers);
  }
}

/** The ingest queue of a Beacon process: as many writers as its database runs well at once. */
export function ingestQueueFor(ctx: AppContext, options: Partial<IngestQueueOptions> = {}): IngestQueue {
  return new IngestQueue(ctx, { maxConcurrentBatches: ctx.store.dialect.concurrentWriters, ...options });
}
