import {
  type PageContext,
  type PageLink,
  keyLabels,
  pageLinkUrl,
} from '../../../core/schemas/page-context.js';
import {
  acknowledgersOf,
  newestAlertsOf,
  pagedUsersOf,
  serviceNamesOf,
} from '../../store/queries/page-context.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import type { Executor } from '../../store/store.js';
import { closestPastIncidents } from '../similar/closest-past.js';

/** Links a page carries per incident (runbook, source, a dashboard), each at most this long. */
const MAX_LINKS = 3;
const MAX_LINK = 500;

/** The alert's links a page carries: http(s), short enough, at most three. */
function pageLinks(links: ReadonlyArray<{ href: string; text: string }>): PageLink[] {
  return links
    .flatMap((link) => {
      const url = pageLinkUrl(link.href);
      return url && url.length <= MAX_LINK ? [{ label: (link.text || 'Link').slice(0, 40), url }] : [];
    })
    .slice(0, MAX_LINKS);
}

function isAwaitingAcknowledgement(status: string): boolean {
  return status === 'triggered' || status === 'triage';
}

/** The context of one incident as told to one recipient (null: a message to no user). */
export type PageContextFor = (incidentId: number, recipientId: number | null) => PageContext | undefined;

/**
 * The context of each incident a message tells about, read once for every message of a send
 * round: services, the newest alert's summary, key labels and links, when it fired, who else
 * was paged (everyone but the recipient), who acknowledged.
 */
export async function pageContextsOf(
  db: Executor,
  incidents: readonly IncidentRecord[],
): Promise<PageContextFor> {
  const ids = incidents.map((incident) => incident.id);
  // `acknowledged_at` keeps the first acknowledgement (time to acknowledge); a reopened
  // incident is waiting for someone again.
  const acknowledged = incidents.flatMap((incident) =>
    isAwaitingAcknowledgement(incident.status) || incident.acknowledged_at === null
      ? []
      : [{ id: incident.id, acknowledged_at: incident.acknowledged_at }],
  );
  const [services, alerts, paged, acknowledgers, similar] = await Promise.all([
    serviceNamesOf(db, ids),
    newestAlertsOf(db, ids),
    pagedUsersOf(db, ids),
    acknowledgersOf(db, acknowledged),
    closestPastIncidents(db, ids),
  ]);
  const contexts = new Map<number, Omit<PageContext, 'alsoPaged'>>();
  for (const incident of incidents) {
    const alert = alerts.get(incident.id);
    const ack = acknowledged.find((entry) => entry.id === incident.id);
    contexts.set(incident.id, {
      services: services.get(incident.id) ?? [],
      alert: alert
        ? {
            summary: alert.summary,
            labels: keyLabels(alert.labels),
            links: pageLinks(alert.links),
          }
        : null,
      firedAt: incident.started_at,
      acknowledged: ack ? { by: acknowledgers.get(ack.id) ?? null, at: ack.acknowledged_at } : null,
      similar: similar.get(incident.id) ?? null,
    });
  }
  return (incidentId, recipientId) => {
    const context = contexts.get(incidentId);
    if (!context) return undefined;
    const alsoPaged = (paged.get(incidentId) ?? [])
      .filter((user) => user.userId !== recipientId)
      .map((user) => user.name);
    return { ...context, alsoPaged };
  };
}
