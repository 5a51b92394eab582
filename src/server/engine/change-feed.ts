import type { Executor } from '../store/store.js';
import { latestTimelineId, timelineAfter } from '../store/queries/timeline.js';

/** One change to an incident, as live views receive it. */
export interface IncidentChange {
  ref: string;
  number: number;
  kind: string;
  status: string;
  version: number;
}

type Listener = (change: IncidentChange) => void;

/**
 * Tells live views (server-sent events) about incident changes. It reads new timeline
 * lines, so changes made by other Beacon processes on the same database arrive too; a
 * local write nudges it to look at once instead of waiting for the next poll.
 */
export class ChangeFeed {
  private readonly listeners = new Set<Listener>();
  private lastId = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private isDirty = false;

  constructor(
    private readonly db: Executor,
    private readonly pollMs = 1000,
  ) {}

  /** Start polling from the current end of the timeline. */
  async start(): Promise<void> {
    this.lastId = await latestTimelineId(this.db);
    this.timer = setInterval(() => this.nudge(), this.pollMs);
    this.timer.unref();
  }

  /** Look for new changes now (coalesced with a look already running). */
  nudge(): void {
    if (this.running) {
      this.isDirty = true;
      return;
    }
    this.running = this.readNew()
      .catch(() => undefined)
      .finally(() => {
        this.running = undefined;
        if (this.isDirty) {
          this.isDirty = false;
          this.nudge();
        }
      });
  }

  private async readNew(): Promise<void> {
    if (this.listeners.size === 0) {
      this.lastId = await latestTimelineId(this.db);
      return;
    }
    const rows = await timelineAfter(this.db, this.lastId, 500);
    for (const row of rows) {
      this.lastId = row.id;
      const change = {
        ref: `INC-${row.number}`,
        number: row.number,
        kind: row.kind,
        status: row.status,
        version: row.version,
      };
      for (const listener of this.listeners) listener(change);
    }
    if (rows.length === 500) this.isDirty = true;
  }

  /** Receive changes until the returned function is called. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stop polling and wait for a look in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.listeners.clear();
    await this.running;
  }
}
