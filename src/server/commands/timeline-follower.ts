import { incidentsChangedAfter } from '../store/queries/similar.js';
import { latestTimelineId } from '../store/queries/timeline.js';
import type { Executor } from '../store/store.js';

/** Timeline lines read per look. */
const PAGE = 5000;

/**
 * Keeps an in-process copy of incident data fresh, in this process or beside others on one
 * PostgreSQL: every change to an incident appends a timeline line, so reading the lines after
 * the last one seen names every incident changed since, whichever process committed it. Looks
 * are coalesced: a call during a look waits for the next one, which sees every commit before
 * the call.
 */
export class TimelineFollower {
  private position = 0;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(
    private readonly db: Executor,
    /** Bring these incidents up to date (read them again, or drop them). */
    private readonly reread: (incidentIds: readonly number[]) => Promise<void>,
    /** Runs first in each look (a full reload when the copy is too old); may call `skipToEnd`. */
    private readonly beforeLook: () => Promise<void> = () => Promise.resolve(),
  ) {}

  /** Start after the timeline's last line: call before a full load, so changes during it are read again. */
  async skipToEnd(): Promise<void> {
    this.position = await latestTimelineId(this.db);
  }

  /** Apply every change committed before this call. */
  catchUp(): Promise<void> {
    if (!this.running) {
      this.running = this.look().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.catchUp();
      });
    return this.queued;
  }

  private async look(): Promise<void> {
    await this.beforeLook();
    for (;;) {
      const { incidentIds, lastId, isMore } = await incidentsChangedAfter(this.db, this.position, PAGE);
      if (incidentIds.length > 0) await this.reread(incidentIds);
      this.position = lastId;
      if (!isMore) return;
    }
  }
}
