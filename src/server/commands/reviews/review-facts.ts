import type { AlertRecord } from '../../store/queries/alerts.js';
import type { ReviewFacts, ReviewTimelineLine, ReviewUpdate } from '../../../core/reviews/review-facts.js';
import { listAlerts } from '../../store/queries/alerts.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import { pagesOfIncident } from '../../store/queries/notifications.js';
import { reportsOfIncidents } from '../../store/queries/reports.js';
import { updatesOf } from '../../store/queries/stakeholders.js';
import { publicUpdatesOf } from '../../store/queries/status-page.js';
import { timelineOf } from '../../store/queries/timeline.js';
import type { Executor } from '../../store/store.js';
import { alertCaption } from '../../../core/alerts/grouping.js';
import { viewIncident } from '../incident-view.js';
import { withMerged } from '../read-incidents.js';
import { getSettings } from '../settings.js';
import { followUpsOfIncident } from './review-follow-ups.js';

const MAX_ALERTS = 200;
const MAX_UPDATES = 500;

/** Everything a review is drafted from, read from the incident's record (and merged ones). */
export async function reviewFactsOf(db: Executor, row: IncidentRecord): Promise<ReviewFacts> {
  const incident = await viewIncident(db, row);
  const ids = await withMerged(db, row.id);
  const { timeZone } = await getSettings(db);
  const alerts = (await listAlerts(db, { incidentId: row.id, limit: MAX_ALERTS })).slice(0, MAX_ALERTS);
  const reports = await reportsOfIncidents(db, ids);
  return {
    incident: {
      ref: incident.ref,
      title: row.title,
      summary: row.summary,
      severity: row.severity,
      priority: row.priority,
      category: row.category,
      status: row.status,
      services: incident.services.map((s) => s.name),
      commander: incident.commander?.name ?? null,
      startedAt: row.started_at,
      detectedAt: row.detected_at,
      acknowledgedAt: row.acknowledged_at,
      mitigatedAt: row.mitigated_at,
      resolvedAt: row.resolved_at,
      closedAt: row.closed_at,
    },
    timeZone,
    timeline: (await timelineOf(db, ids)).map((line): ReviewTimelineLine => ({
      at: line.at,
      kind: line.kind,
      actor: { type: line.actor_type === 'system' ? 'system' : 'user', name: line.actor_name },
      body: line.body,
      changes: line.changes,
    })),
    alerts: alerts.reverse().map((alert) => reviewAlert(alert)),
    pages: (await pagesOfIncident(db, row.id, 200)).map((page) => ({
      user: page.name,
      at: page.paged_at,
      channel: page.channel ?? null,
      delivery: page.status ?? null,
    })),
    updates: await updatesOfIncident(db, row.id),
    reports: {
      count: reports.length,
      firstAt: reports.length === 0 ? null : Math.min(...reports.map((r) => r.received_at)),
    },
    resolution: {
      summary: row.resolution_summary,
      rootCause: row.root_cause,
      rootCauseCategory: row.root_cause_category,
      contributingFactors: factorsOf(row.contributing_factors),
      fix: row.fix,
      workaround: row.workaround,
      customerImpact: row.customer_impact,
    },
    followUps: await followUpsOfIncident(db, row.id),
  };
}

function reviewAlert(alert: AlertRecord & { service_name: string }) {
  return {
    summary: alertCaption(alert),
    service: alert.service_name,
    severity: alert.severity,
    firstAt: alert.starts_at,
    lastAt: Math.max(alert.last_event_at, alert.starts_at),
    resolvedAt: alert.resolved_at,
    events: alert.event_count,
  };
}

async function updatesOfIncident(db: Executor, incidentId: number): Promise<ReviewUpdate[]> {
  const internal = (await updatesOf(db, incidentId, MAX_UPDATES)).map((u): ReviewUpdate => ({
    kind: u.kind === 'stakeholder' ? 'stakeholder' : 'status',
    at: u.posted_at,
    author: u.author_name,
    message: u.message,
    status: u.status,
  }));
  const published = (await publicUpdatesOf(db, [incidentId])).map((u): ReviewUpdate => ({
    kind: 'public',
    at: u.posted_at,
    author: u.author_name,
    message: u.message,
    status: u.status,
  }));
  return [...internal, ...published].sort((a, b) => a.at - b.at);
}

/** Contributing factors as a list, whether the store hands them out as a list or as lines. */
function factorsOf(stored: unknown): string[] {
  if (Array.isArray(stored))
    return stored.filter((f): f is string => typeof f === 'string' && f.trim() !== '');
  if (typeof stored !== 'string') return [];
  return stored
    .split('\n')
    .map((line) => line.replace(/^\s*[-*]\s*/, '').trim())
    .filter((line) => line !== '');
}
