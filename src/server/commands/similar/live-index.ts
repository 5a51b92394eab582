import { incidentFeatures, SimilarityIndex, type IncidentFeatures } from '../../../core/similar/index.js';
import { serviceIdsOf } from '../../store/queries/incidents.js';
import {
  alertLabelsBetween,
  alertLabelsOf,
  serviceIdsBetween,
  similarityRowsAfter,
  similarityRowsOf,
} from '../../store/queries/similar.js';
import type { Executor, Store } from '../../store/store.js';
import { TimelineFollower } from '../timeline-follower.js';

/** Incidents read per page while loading. */
const PAGE = 5000;
/** Statuses that are not incidents of their own: never similar to anything. */
const LEFT_OUT = new Set(['merged', 'declined']);

type SimilarityRow = Awaited<ReturnType<typeof similarityRowsAfter>>[number];

/** An incident row with its services and alert labels, as features. */
export function featuresOfRow(
  row: SimilarityRow,
  serviceIds: readonly number[],
  alertLabels: ReadonlyArray<Record<string, string>>,
): IncidentFeatures {
  return incidentFeatures({
    id: row.id,
    number: row.number,
    title: row.title,
    summary: row.summary,
    rootCause: row.root_cause,
    resolution: row.resolution_summary,
    category: row.category,
    serviceIds,
    alertLabels,
    startedAt: row.started_at,
  });
}

/**
 * The similarity index of one database, kept in this process: loaded on first use in pages of
 * incidents, then brought up to date before every lookup from the timeline (every change to an
 * incident appends a line, in this process or another), so it is never staler than a commit.
 */
export class LiveSimilarityIndex {
  private readonly index = new SimilarityIndex();
  private readonly follower: TimelineFollower;
  private loading: Promise<void> | undefined;
  private isLoadedFlag = false;

  constructor(private readonly db: Executor) {
    this.follower = new TimelineFollower(db, (ids) => this.reindex(ids));
  }

  /** Whether the first load finished (lookups before it wait for it). */
  get isLoaded(): boolean {
    return this.isLoadedFlag;
  }

  /** The index with every change committed before this call. */
  async current(): Promise<SimilarityIndex> {
    this.loading ??= this.load().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    await this.loading;
    await this.follower.catchUp();
    return this.index;
  }

  /** Start loading in the background (a server warms it at start; errors wait for a lookup). */
  warm(): void {
    this.current().catch(() => undefined);
  }

  private async load(): Promise<void> {
    // The position first: changes committed while pages load are read again afterwards.
    await this.follower.skipToEnd();
    let afterId = 0;
    for (;;) {
      const rows = await similarityRowsAfter(this.db, afterId, PAGE);
      const last = rows.at(-1);
      if (!last) break;
      const first = rows[0]?.id ?? last.id;
      const [services, alerts] = await Promise.all([
        serviceIdsBetween(this.db, first, last.id),
        alertLabelsBetween(this.db, first, last.id),
      ]);
      for (const row of rows) this.apply(row, services.get(row.id) ?? [], alerts.get(row.id) ?? []);
      afterId = last.id;
    }
    this.isLoadedFlag = true;
  }

  private async reindex(ids: readonly number[]): Promise<void> {
    const [rows, services, alerts] = await Promise.all([
      similarityRowsOf(this.db, ids),
      serviceIdsOf(this.db, ids),
      alertLabelsOf(this.db, ids),
    ]);
    const found = new Set(rows.map((row) => row.id));
    for (const id of ids) if (!found.has(id)) this.index.remove(id);
    for (const row of rows) this.apply(row, services.get(row.id) ?? [], alerts.get(row.id) ?? []);
  }

  private apply(
    row: SimilarityRow,
    serviceIds: readonly number[],
    alertLabels: Array<Record<string, string>>,
  ) {
    if (LEFT_OUT.has(row.status)) this.index.remove(row.id);
    else this.index.put(row.id, row.started_at, featuresOfRow(row, serviceIds, alertLabels));
  }
}

const INDEXES = new WeakMap<Executor, LiveSimilarityIndex>();

/** The similarity index of a database, by its store's connection (one per connection in a process). */
export function similarityIndexOfDb(db: Executor): LiveSimilarityIndex {
  let live = INDEXES.get(db);
  if (!live) {
    live = new LiveSimilarityIndex(db);
    INDEXES.set(db, live);
  }
  return live;
}

/** The similarity index of this store's database. */
export function similarityIndexOf(store: Store): LiveSimilarityIndex {
  return similarityIndexOfDb(store.db);
}
