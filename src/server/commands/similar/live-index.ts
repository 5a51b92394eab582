import { decodeFeatures, SimilarityIndex } from '../../../core/similar/index.js';
import {
  computeFeaturesRows,
  featuresRowsBefore,
  featuresRowsOf,
  incidentsWithoutFeatures,
  insertMissingFeatures,
  type SimilarityFeaturesRow,
} from '../../store/queries/similarity-features.js';
import type { Executor, Store } from '../../store/store.js';
import { TimelineFollower } from '../timeline-follower.js';

/** Stored features rows read per page while loading. */
const PAGE = 5000;
/** Incidents given features per backfill transaction (~0.1 ms of text analysis each). */
const BACKFILL_PAGE = 500;
/** Rows indexed between two yields to the event loop while loading. */
const ROWS_PER_YIELD = 500;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The similarity index of one database, kept in this process: loaded in the background in
 * pages of incidents, newest first, and brought up to date before every lookup from the
 * timeline (every change to an incident appends a line, in this process or another), so it is
 * never staler than a commit. Lookups do not wait for the whole load: once the first page is
 * in they are answered from the incidents loaded so far, the most recent ones.
 */
export class LiveSimilarityIndex {
  private index = new SimilarityIndex();
  private loading: Promise<void> | undefined;
  private firstPage: Promise<void> | undefined;
  private failure: Error | undefined;
  private readonly follower: TimelineFollower;
  private isLoadedFlag = false;
  private isStopped = false;
  /** Incidents re-read from the timeline while loading: a page read earlier must not undo them. */
  private readonly refreshed = new Set<number>();

  private readonly pageSize: number;
  private readonly backfillPage: number;

  /** `pageSize`: stored features rows read per page while loading; `backfillPage`: incidents per backfill step. */
  constructor(
    private readonly db: Executor,
    options: { pageSize?: number; backfillPage?: number } = {},
  ) {
    this.pageSize = options.pageSize ?? PAGE;
    this.backfillPage = options.backfillPage ?? BACKFILL_PAGE;
    this.follower = new TimelineFollower(db, (ids) => this.reindex(ids));
  }

  /** Whether the whole load finished (until then lookups see the newest incidents loaded so far). */
  get isLoaded(): boolean {
    return this.isLoadedFlag;
  }

  /** How many incidents the index holds now. */
  get size(): number {
    return this.index.size;
  }

  /** The index with every change committed before this call (and, while loading, the newest incidents). */
  async current(): Promise<SimilarityIndex> {
    if (this.failure !== undefined) {
      const failure = this.failure;
      this.failure = undefined;
      throw failure;
    }
    await this.start();
    await this.follower.catchUp();
    return this.index;
  }

  /** Start loading in the background (a server warms it at start; errors reach the next lookup). */
  warm(): void {
    this.start().catch(() => undefined);
  }

  /** Stop a load in progress after its current page (the store is closing). */
  stop(): void {
    this.isStopped = true;
  }

  /** The whole load, finished (for benchmarks and tests). */
  async loaded(): Promise<SimilarityIndex> {
    await this.start();
    await this.loading;
    return this.current();
  }

  /** Begin the load if none runs; resolves once its first page is in. */
  private start(): Promise<void> {
    if (!this.loading) {
      let pageIn: () => void = () => undefined;
      this.firstPage = new Promise((resolve) => {
        pageIn = resolve;
      });
      const loading = this.load(pageIn).catch((error: unknown) => {
        // The next lookup reports it and starts over on a fresh index.
        this.loading = undefined;
        this.index = new SimilarityIndex();
        this.refreshed.clear();
        this.failure = error instanceof Error ? error : new Error(String(error));
        throw error;
      });
      loading.catch(() => undefined);
      this.loading = loading;
      this.firstPage = Promise.race([this.firstPage, loading]);
    }
    return this.firstPage ?? Promise.resolve();
  }

  private async load(pageIn: () => void): Promise<void> {
    // The position first: changes committed while pages load are read again by refreshes.
    await this.follower.skipToEnd();
    // Past every id: incident ids are 32-bit integers on PostgreSQL.
    let beforeId = 2_147_483_647;
    while (!this.isStopped) {
      const rows = await featuresRowsBefore(this.db, beforeId, this.pageSize);
      const oldest = rows.at(-1);
      if (!oldest) break;
      await this.applyAll(rows);
      pageIn();
      beforeId = oldest.incident_id;
    }
    pageIn();
    await this.backfill();
    this.isLoadedFlag = !this.isStopped;
    this.refreshed.clear();
  }

  /**
   * Give features to incidents that have none yet (those from before the features table), newest
   * first, a page per transaction. Restart-safe: what is stored stays stored, and a page is read
   * again from what still lacks a row.
   */
  private async backfill(): Promise<void> {
    let beforeId = 2_147_483_647;
    while (!this.isStopped) {
      const ids = await incidentsWithoutFeatures(this.db, beforeId, this.backfillPage);
      const oldest = ids.at(-1);
      if (oldest === undefined) return;
      const rows = await computeFeaturesRows(this.db, ids);
      await insertMissingFeatures(this.db, rows);
      // What is stored now may be a newer row than the one computed here.
      await this.applyAll(await featuresRowsOf(this.db, ids));
      beforeId = oldest;
      await nextTurn();
    }
  }

  private async reindex(ids: readonly number[]): Promise<void> {
    const rows = await featuresRowsOf(this.db, ids);
    if (!this.isLoadedFlag) for (const id of ids) this.refreshed.add(id);
    const found = new Set(rows.map((row) => row.incident_id));
    // Deleted, or (while the backfill runs) not given features yet: the backfill adds it.
    for (const id of ids) if (!found.has(id)) this.index.remove(id);
    for (const row of rows) this.apply(row);
  }

  private async applyAll(rows: readonly SimilarityFeaturesRow[]): Promise<void> {
    for (const [i, row] of rows.entries()) {
      if (i > 0 && i % ROWS_PER_YIELD === 0) await nextTurn();
      if (!this.refreshed.has(row.incident_id)) this.apply(row);
    }
  }

  private apply(row: SimilarityFeaturesRow) {
    if (row.is_listed === 0) this.index.remove(row.incident_id);
    else this.index.put(row.incident_id, row.started_at, decodeFeatures(row.features));
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
