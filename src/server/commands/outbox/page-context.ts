import { type PageContext, isWebLink, keyLabels } from '../../../core/schemas/page-context.js';
import {
  acknowledgerOf,
  newestAlertsOf,
  pagedUsersOf,
  serviceNamesOf,
} from '../../store/queries/page-context.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import type { Executor } from '../../store/store.js';

/**
 * The context of each incident a message tells `recipientId` about: services, the newest
 * alert's summary, key labels and links, when it fired, who else was paged, who acknowledged.
 */
export async function pageContextsOf(
  db: Executor,
  incidents: readonly IncidentRecord[],
  recipientId: number | null,
): Promise<Map<number, PageContext>> {
  const ids = incidents.map((incident) => incident.id);
  const [services, alerts, paged] = await Promise.all([
    serviceNamesOf(db, ids),
    newestAlertsOf(db, ids),
    pagedUsersOf(db, ids),
  ]);
  const contexts = new Map<number, PageContext>();
  for (const incident of incidents) {
    const alert = alerts.get(incident.id);
    const acknowledgedAt = incident.acknowledged_at;
    contexts.set(incident.id, {
      services: services.get(incident.id) ?? [],
      alert: alert
        ? {
            summary: alert.summary,
            labels: keyLabels(alert.labels),
            links: alert.links
              .filter((link) => isWebLink(link.href))
              .map((link) => ({ label: link.text || 'Link', url: link.href })),
          }
        : null,
      firedAt: incident.started_at,
      alsoPaged: (paged.get(incident.id) ?? [])
        .filter((user) => user.userId !== recipientId)
        .map((user) => user.name),
      acknowledged:
        acknowledgedAt === null
          ? null
          : {
              by: await acknowledgerOf(db, { id: incident.id, acknowledged_at: acknowledgedAt }),
              at: acknowledgedAt,
            },
    });
  }
  return contexts;
}
