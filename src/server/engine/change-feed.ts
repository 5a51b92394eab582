import {
  type ChangeReader,
  type IncidentChange,
  type IncidentChangeSource,
  changesAfter,
  latestChangePosition,
} from '../commands/incident-changes.js';

export type { IncidentChange };

type Listener = (change: IncidentChange) => void;

/**
 * Tells live views (server-sent events) about incident changes. It reads new timeline
 * lines, so changes made by other Beacon processes on the same database arrive too; a
 * local write nudges it to look at once instead of waiting for the next poll.
 */
export class ChangeFeed implements IncidentChangeSource {
  private readonly listeners = new Set<Listener>();
  private lastId = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private isDirty = false;

  constructor(
    private readonly db: ChangeReader,
    private readonly pollMs = 1000,
  ) {}

  /** Start polling from the current end of the timeline. */
  async start(): Promise<void> {
    this.lastId = await latestChangePosition(this.db);
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
      this.lastId = await latestChangePosition(this.db);
      return;
    }
    const changes = await changesAfter(this.db, this.lastId, 500);
    for (const { position, change } of changes) {
      this.lastId = position;
      for (const listener of this.listeners) listener(change);
    }
    if (changes.length === 500) this.isDirty = true;
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
