import type { Clock } from '../../../core/clock.js';
import { OPEN_STATUSES } from '../../../core/incident-status.js';
import {
  DEFAULT_CLUSTER_OPTIONS,
  type PreparedIncident,
  prepareIncident,
} from '../../../core/reports/index.js';
import {
  type CandidateIncident,
  candidateIncidents,
  candidateIncidentsOf,
} from '../../store/queries/reports.js';
import { publicUpdatesOf, publicationsOf } from '../../store/queries/status-page.js';
import type { Executor, Store } from '../../store/store.js';
import { TimelineFollower } from '../timeline-follower.js';
import { incidentsForMatching } from './match-report.js';

/**
 * How old the copy may grow before it is read again whole: a service's name and the services a
 * component covers change without a timeline line, and go into an incident's matching input.
 */
export const ASSIST_MAX_AGE_MS = 30_000;

/** What the status page shows of an incident: its public title and latest public update. */
export interface PublicFace {
  title: string;
  status: string | null;
  message: string | null;
}

/** An incident a customer's message may be about, ready to match, with its public face. */
export interface AssistIncident {
  id: number;
  status: string;
  resolvedAt: number | null;
  prepared: PreparedIncident;
  /** Null while the incident is not on the status page. */
  publicFace: PublicFace | null;
}

const isCandidate = (status: string) => status === 'resolved' || OPEN_STATUSES.some((s) => s === status);

/**
 * The answer API's incidents, kept in this process: the open incidents and those resolved within
 * the clustering window, their texts analysed once, and what the status page shows of each.
 * Each lookup first reads the timeline lines since the last one (`TimelineFollower`), so an
 * incident declared, changed, linked to a report or published — by this process or another on
 * the same database — is read again before the answer; the whole copy is read again when older
 * than `ASSIST_MAX_AGE_MS`.
 */
export class AssistIncidents {
  private incidents = new Map<number, AssistIncident>();
  private loadedAt: number | undefined;
  private readonly follower: TimelineFollower;

  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
  ) {
    this.follower = new TimelineFollower(
      db,
      (ids) => this.reread(ids),
      () => this.reloadIfOld(),
    );
  }

  /** The candidates at `now`, with every change committed before this call. */
  async current(now: number): Promise<AssistIncident[]> {
    await this.follower.catchUp();
    const resolvedSince = now - DEFAULT_CLUSTER_OPTIONS.windowMs;
    return [...this.incidents.values()].filter(
      (incident) => incident.status !== 'resolved' || (incident.resolvedAt ?? 0) >= resolvedSince,
    );
  }

  private async reloadIfOld(): Promise<void> {
    const now = this.clock.now();
    if (this.loadedAt !== undefined && now - this.loadedAt < ASSIST_MAX_AGE_MS) return;
    await this.follower.skipToEnd();
    const candidates = await candidateIncidents(
      this.db,
      OPEN_STATUSES,
      now - DEFAULT_CLUSTER_OPTIONS.windowMs,
    );
    this.incidents = new Map((await this.build(candidates)).map((incident) => [incident.id, incident]));
    this.loadedAt = now;
  }

  private async reread(ids: readonly number[]): Promise<void> {
    const rows = (await candidateIncidentsOf(this.db, ids)).filter((row) => isCandidate(row.status));
    for (const id of ids) this.incidents.delete(id);
    for (const incident of await this.build(rows)) this.incidents.set(incident.id, incident);
  }

  private async build(candidates: readonly CandidateIncident[]): Promise<AssistIncident[]> {
    const ids = candidates.map((candidate) => candidate.id);
    const [forMatching, publications, updates] = await Promise.all([
      incidentsForMatching(this.db, candidates),
      publicationsOf(this.db, ids),
      publicUpdatesOf(this.db, ids),
    ]);
    const published = new Map(publications.map((p) => [p.incident_id, p.public_title]));
    const latest = new Map<number, (typeof updates)[number]>();
    // Updates come newest first: the first of each incident is its latest.
    for (const update of updates) if (!latest.has(update.incident_id)) latest.set(update.incident_id, update);
    return candidates.map((candidate, index) => {
      const title = published.get(candidate.id);
      const update = latest.get(candidate.id);
      const matching = forMatching[index];
      if (!matching) throw new Error(`no matching input for incident ${String(candidate.id)}`);
      return {
        id: candidate.id,
        status: candidate.status,
        resolvedAt: candidate.resolvedAt,
        prepared: prepareIncident(matching),
        publicFace:
          title === undefined
            ? null
            : { title, status: update?.status ?? null, message: update?.message ?? null },
      };
    });
  }
}

const CACHES = new WeakMap<Executor, AssistIncidents>();

/** The answer API's incidents of this store's database (one copy per connection in a process). */
export function assistIncidentsOf(store: Store, clock: Clock): AssistIncidents {
  let cache = CACHES.get(store.db);
  if (!cache) {
    cache = new AssistIncidents(store.db, clock);
    CACHES.set(store.db, cache);
  }
  return cache;
}
