import {
  type PageContext,
  type PageLink,
  keyLabels,
  pageLinkUrl,
} from '../../../core/schemas/page-context.js';
import {
  acknowledgerOf,
  newestAlertsOf,
  pagedUsersOf,
  serviceNamesOf,
} from '../../store/queries/page-context.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import type { Executor } from '../../store/store.js';

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
    // `acknowledged_at` keeps the first acknowledgement (time to acknowledge); a reopened
    // incident is waiting for someone again.
    const acknowledgedAt = isAwaitingAcknowledgement(incident.status) ? null : incident.acknowledged_at;
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
