import type { AlertStatus } from '../../../core/alerts/alert-event.js';
import { findServiceAlert, openAlertsOfService } from '../../store/queries/inbound-alerts.js';
import type { AppContext } from '../context.js';

/** An open alert as inbound formats that read alerts back (Alertmanager's API) need it. */
export interface OpenServiceAlert {
  id: number;
  dedupKey: string;
  status: AlertStatus;
  summary: string;
  labels: Record<string, string>;
  details: Record<string, unknown>;
  generatorUrl: string | null;
  isSuppressed: boolean;
  startsAt: number;
  endsAt: number | null;
  updatedAt: number;
}

/** Open alerts read per query. */
const PAGE = 5_000;

/**
 * The open alerts of a service, oldest first, a page at a time: every open alert is seen,
 * however many there are, without holding them all in memory at once.
 */
export async function* openServiceAlertPages(
  ctx: AppContext,
  serviceId: number,
  pageSize = PAGE,
): AsyncGenerator<OpenServiceAlert[]> {
  let afterId = 0;
  for (;;) {
    const rows = await openAlertsOfService(ctx.store.db, serviceId, afterId, pageSize);
    if (rows.length === 0) return;
    afterId = rows[rows.length - 1]?.id ?? afterId;
    yield rows.map((row) => ({
      id: row.id,
      dedupKey: row.dedup_key,
      status: row.status as AlertStatus,
      summary: row.summary,
      labels: row.labels,
      details: row.details,
      generatorUrl: row.generator_url,
      isSuppressed: row.is_suppressed,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      updatedAt: row.updated_at,
    }));
    if (rows.length < pageSize) return;
  }
}

/**
 * The dedup key of a service's alert given its id, while it is open; undefined when the
 * alert does not exist in that service or is already resolved (events by key would then
 * reach a newer alert with the same key).
 */
export async function openAlertKeyById(
  ctx: AppContext,
  serviceId: number,
  alertId: number,
): Promise<string | undefined> {
  const row = await findServiceAlert(ctx.store.db, serviceId, alertId);
  return row && row.resolved_at === null ? row.dedup_key : undefined;
}
