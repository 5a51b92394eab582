import { OPEN_STATUSES } from '../../../core/incident-status.js';
import { evaluateTriage, reportIncidentDefaults } from '../../../core/triage/evaluate.js';
import {
  DEFAULT_CLUSTER_OPTIONS,
  type IncidentForMatching,
  type MatchExplanation,
  type ReportForMatching,
  findReportClusters,
  matchReportToIncident,
} from '../../../core/reports/index.js';
import { reportRef } from '../../../core/reports/intake-limits.js';
import type { ReportLinkReason } from '../../../core/schemas/reports.js';
import type { Actor } from '../../../core/schemas/timeline.js';
import {
  type CandidateIncident,
  type ReportRecord,
  candidateIncidents,
  reportsOfIncidents,
  setReportLinks,
  unlinkedReportsSince,
} from '../../store/queries/reports.js';
import { componentIdsOfIncidents } from '../../store/queries/status-page.js';
import type { Executor } from '../../store/store.js';
import { insertIncidentRecord } from '../incident-records.js';
import { appendTimeline } from '../timeline.js';
import { completeTriagedIncident } from '../triage/apply-triage.js';
import { TriageLookup, reportSubject } from '../triage/triage-lookup.js';

/** The actor of links Beacon makes itself. */
export const REPORTS_ACTOR: Actor = { type: 'system', id: null, name: 'Beacon customer reports' };

/** What became of a new report: linked to an incident (open, or resolved a moment ago), or not. */
export type MatchOutcome =
  | { kind: 'linked'; incidentId: number; isResolved: boolean }
  | { kind: 'triage'; incidentId: number }
  | { kind: 'unlinked' };

/**
 * Match a new report inside the intake's transaction: link it to the open incident it
 * describes (or one resolved within the clustering window), else look for similar unlinked
 * reports of the window; a large enough cluster opens a triage incident with them linked.
 */
export async function matchNewReport(tx: Executor, report: ReportRecord, now: number): Promise<MatchOutcome> {
  const windowStart = now - DEFAULT_CLUSTER_OPTIONS.windowMs;
  const candidates = await candidateIncidents(tx, OPEN_STATUSES, windowStart);
  const match = matchReportToIncident(forMatching(report), await incidentsForMatching(tx, candidates));
  if (match) {
    const incident = candidates.find((candidate) => candidate.id === match.incidentId);
    if (incident) {
      await linkMatched(tx, [report], incident.id, [match.why], 'match', now);
      return { kind: 'linked', incidentId: incident.id, isResolved: incident.status === 'resolved' };
    }
  }
  const unlinked = await unlinkedReportsSince(tx, windowStart);
  const cluster = findReportClusters(unlinked.map(forMatching)).find((c) => c.reportIds.includes(report.id));
  if (!cluster) return { kind: 'unlinked' };
  const members = cluster.reportIds.flatMap((id) => unlinked.filter((r) => r.id === id));
  const refs = members.map((member) => reportRef(member.number));
  // The triage rules see the reports' text; a suppressing rule leaves them unlinked.
  const triage = new TriageLookup(tx);
  const decision = evaluateTriage(
    await triage.ruleSets(),
    reportSubject(cluster.title, members),
    reportIncidentDefaults(),
  );
  if (decision.suppressedBy) return { kind: 'unlinked' };
  const triaged = decision.outcome;
  const incident = await insertIncidentRecord(
    tx,
    {
      title: cluster.title,
      summary: `Raised by ${String(members.length)} similar customer reports: ${refs.join(', ')}.`,
      status: 'triage',
      severity: triaged.severity,
      impact: triaged.impact,
      urgency: triaged.urgency,
      category: triaged.category,
      commanderId: null,
      tags: triaged.tags,
      serviceIds: [],
      startedAt: Math.min(...members.map((member) => member.received_at)),
      detectedAt: now,
      createdBy: null,
    },
    REPORTS_ACTOR,
    now,
  );
  await linkMatched(tx, members, incident.id, cluster.why, 'cluster', now);
  // A triage incident pages only when a rule chose an escalation policy for it.
  await completeTriagedIncident(tx, incident, decision, now, false);
  return { kind: 'triage', incidentId: incident.id };
}

/** Link reports with the clustering's explanations and say so on the incident's timeline. */
async function linkMatched(
  tx: Executor,
  reports: readonly ReportRecord[],
  incidentId: number,
  why: readonly MatchExplanation[],
  kind: 'match' | 'cluster',
  now: number,
): Promise<void> {
  for (const [index, report] of reports.entries()) {
    const explanation = why[index] ?? { score: 0, sharedTerms: [], sameComponent: false, minutesApart: 0 };
    const reason: ReportLinkReason = { kind, ...explanation };
    await setReportLinks(tx, [report.id], { incident_id: incidentId, link_reason: reason, linked_at: now });
    await appendTimeline(tx, {
      incidentId,
      at: now,
      actor: REPORTS_ACTOR,
      kind: 'report_linked',
      changes: null,
      body: `Customer report ${reportRef(report.number)} linked: ${explain(reason)}`,
    });
  }
}

/** A link's reason in words, for the timeline. */
export function explain(reason: ReportLinkReason): string {
  if (reason.kind === 'manual') return `by ${reason.user?.name ?? 'a person'}`;
  const terms =
    reason.sharedTerms.length > 0 ? `shared terms ${reason.sharedTerms.join(', ')}` : 'similar text';
  const component = reason.sameComponent ? '; same component' : '';
  return `${terms}${component}; score ${reason.score.toFixed(2)}; ${String(Math.round(reason.minutesApart))} min apart`;
}

function forMatching(report: ReportRecord): ReportForMatching {
  return {
    id: report.id,
    text: report.message,
    componentId: report.component_id,
    receivedAt: report.received_at,
  };
}

export async function incidentsForMatching(
  tx: Executor,
  candidates: readonly CandidateIncident[],
): Promise<IncidentForMatching[]> {
  const ids = candidates.map((candidate) => candidate.id);
  const [linked, components] = await Promise.all([
    reportsOfIncidents(tx, ids),
    componentIdsOfIncidents(tx, ids),
  ]);
  return candidates.map((candidate) => ({
    id: candidate.id,
    text: [candidate.title, candidate.summary, ...candidate.serviceNames].join('\n'),
    componentIds: components.get(candidate.id) ?? [],
    openedAt: candidate.openedAt,
    reportTexts: linked.filter((r) => r.incident_id === candidate.id).map((r) => r.message),
  }));
}
