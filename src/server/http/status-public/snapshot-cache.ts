import type { Clock } from '../../../core/clock.js';
import type { StatusPageSnapshot } from '../../../core/status/snapshot.js';
import type { IncidentChangeSource } from '../../commands/incident-changes.js';
import { RenderedStatus } from './rendered-status.js';

/** Where snapshots come from: the loader and the cheap version the cache polls. */
export interface StatusSnapshotSource {
  load(): Promise<StatusPageSnapshot>;
  version(): Promise<number>;
}

export interface StatusSnapshotCacheOptions {
  clock: Clock;
  /** Incident changes (the change feed): one makes the next look reload. */
  changes?: IncidentChangeSource;
  /** How often the version is polled (ms). */
  pollMs?: number;
  /** Reload at least this often, for what changes with time alone (maintenance windows, uptime days). */
  maxAgeMs?: number;
  /** Told when a load fails (the last snapshot keeps being served). */
  onError?: (error: unknown) => void;
}

/**
 * The status page served from memory: requests read the rendered snapshot and never the
 * database. A timer polls the page's version about once a second; a new version, an incident
 * change or an age over `maxAgeMs` makes it load and render a new snapshot. A failed load
 * (database locked or down) keeps the last one.
 */
export class StatusSnapshotCache {
  private rendered: RenderedStatus | undefined;
  private loadedAt = 0;
  private hasChange = false;
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly pollMs: number;
  private readonly maxAgeMs: number;

  constructor(
    private readonly source: StatusSnapshotSource,
    private readonly options: StatusSnapshotCacheOptions,
  ) {
    this.pollMs = options.pollMs ?? 1000;
    this.maxAgeMs = options.maxAgeMs ?? 30_000;
  }

  /** The rendered page now held, if one was ever loaded. */
  peek(): RenderedStatus | undefined {
    return this.rendered;
  }

  /** The rendered page; the first call loads it (and throws if that load fails). */
  async current(): Promise<RenderedStatus> {
    if (this.rendered) return this.rendered;
    await this.refresh();
    if (!this.rendered) await this.reload();
    if (!this.rendered) throw new Error('the status page could not be loaded');
    return this.rendered;
  }

  /**
   * Look now: reload when the version moved, an incident changed or the snapshot is older
   * than `maxAgeMs`. Coalesced with a look already running. Never throws.
   */
  refresh(): Promise<void> {
    this.running ??= this.look()
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async look(): Promise<void> {
    const version = await this.source.version();
    const isOld = this.options.clock.now() - this.loadedAt >= this.maxAgeMs;
    if (this.rendered && version === this.rendered.version && !this.hasChange && !isOld) return;
    await this.reloadAt(version);
  }

  /** Load and render a new snapshot at once (throws when the load fails; the old one stays). */
  async reload(): Promise<void> {
    await this.reloadAt(await this.source.version());
  }

  private async reloadAt(version: number): Promise<void> {
    this.hasChange = false;
    const snapshot = await this.source.load();
    this.rendered = new RenderedStatus(snapshot, version);
    this.loadedAt = this.options.clock.now();
  }

  /** Poll the version on an unref'd timer and listen for incident changes. */
  start(): void {
    this.unsubscribe = this.options.changes?.subscribe(() => {
      this.hasChange = true;
    });
    this.timer = setInterval(() => void this.refresh(), this.pollMs);
    this.timer.unref();
  }

  /** Stop polling and wait for a look in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
    await this.running;
  }
}
