import { OPEN_STATUSES } from '../../../core/incident-status.js';
import { openIncidentsBySeverity, outboxBacklog } from '../../store/queries/metrics.js';
import type { AppContext } from '../context.js';

/** What `GET /metrics` reads from the database at a scrape (shared by every process). */
export interface ServiceGauges {
  outboxDepth: number;
  /** Seconds the oldest waiting outbox message has waited; 0 with none waiting. */
  outboxOldestAgeSeconds: number;
  openIncidents: Array<{ severity: string; count: number }>;
}

/** Outbox backlog and open incidents per severity, each from one indexed query. */
export async function readServiceGauges(ctx: AppContext): Promise<ServiceGauges> {
  const db = ctx.store.db;
  const [backlog, openIncidents] = await Promise.all([
    outboxBacklog(db),
    openIncidentsBySeverity(db, OPEN_STATUSES),
  ]);
  const oldest = backlog.oldestCreatedAt;
  return {
    outboxDepth: backlog.depth,
    outboxOldestAgeSeconds: oldest === null ? 0 : Math.max(0, ctx.clock.now() - oldest) / 1000,
    openIncidents,
  };
}
