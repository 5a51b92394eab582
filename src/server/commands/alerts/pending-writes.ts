import { appendAlertEvents } from '../../store/queries/alerts.js';
import type { TimelineAppend } from '../../store/queries/timeline.js';
import type { Executor } from '../../store/store.js';
import { appendTimelineEntries } from '../timeline.js';

/** An alert history row waiting to be written. */
export interface PendingAlertEvent {
  alertId: number;
  at: number;
  kind: string;
  message?: string | null;
  payload?: unknown;
}

/** Rows per INSERT: well inside both databases' limits on bound parameters. */
const ROWS_PER_STATEMENT = 500;

/**
 * Alert history rows and timeline lines of one transaction, written together by `flush` with
 * a multi-row INSERT each instead of one statement per row. Nothing in the alert pipeline
 * reads them back before the transaction ends; `flush` runs before any other write that
 * could come between them (see `BatchLookups.beforeOtherWrite`) and before commit.
 */
export class PendingWrites {
  private alertEvents: PendingAlertEvent[] = [];
  private timeline: TimelineAppend[] = [];

  constructor(private readonly tx: Executor) {}

  /** Queue a row of an alert's history. */
  addAlertEvent(event: PendingAlertEvent): void {
    this.alertEvents.push(event);
  }

  /** Queue a timeline line (its webhook event is queued when it is written). */
  addTimeline(entry: TimelineAppend): void {
    this.timeline.push(entry);
  }

  /** Write everything queued, in the order queued. */
  async flush(): Promise<void> {
    const events = this.alertEvents;
    const timeline = this.timeline;
    this.alertEvents = [];
    this.timeline = [];
    for (let i = 0; i < events.length; i += ROWS_PER_STATEMENT)
      await appendAlertEvents(this.tx, events.slice(i, i + ROWS_PER_STATEMENT));
    for (let i = 0; i < timeline.length; i += ROWS_PER_STATEMENT)
      await appendTimelineEntries(this.tx, timeline.slice(i, i + ROWS_PER_STATEMENT));
  }
}
