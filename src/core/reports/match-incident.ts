import {
  DEFAULT_CLUSTER_OPTIONS,
  type ClusterOptions,
  type IncidentForMatching,
  type MatchExplanation,
  type ReportForMatching,
} from './clustering-types.js';
import { combineScore, compareTexts, quickCosine } from './similarity.js';
import { analyzeText, type AnalyzedText } from './text-analysis.js';

/** Only the latest linked reports speak for an incident: enough to know it, bounded in cost. */
export const MAX_LINKED_TEXTS = 20;
/** Candidates the cheap comparison passes on to the thorough one. */
const SHORTLIST = 4;
/** An incident hours old still collects reports; age takes at most a fifth off a score. */
const INCIDENT_HALF_LIFE_MINUTES = 240;

function incidentMembers(incident: IncidentForMatching): AnalyzedText[] {
  const linked = incident.reportTexts.slice(-MAX_LINKED_TEXTS);
  return [analyzeText(incident.text), ...linked.map((text) => analyzeText(text))];
}

/** The cheap ranking: the best plain text likeness to the incident or one of its reports. */
function quickLikeness(report: AnalyzedText, members: readonly AnalyzedText[]): number {
  let best = 0;
  for (const member of members) best = Math.max(best, quickCosine(report, member));
  return best;
}

/** How well a report fits an incident, explained. */
export function explainIncidentMatch(
  report: ReportForMatching,
  incident: IncidentForMatching,
): MatchExplanation {
  return scoreIncident(analyzeText(report.text), report, incident, incidentMembers(incident));
}

/**
 * The report against the incident's own text and against each linked report; the incident
 * scores as its own text or as its best two reports (so one stray link counts for less).
 */
function scoreIncident(
  analysed: AnalyzedText,
  report: ReportForMatching,
  incident: IncidentForMatching,
  members: readonly AnalyzedText[],
): MatchExplanation {
  const sameComponent = report.componentId !== null && incident.componentIds.includes(report.componentId);
  const otherComponent = report.componentId !== null && incident.componentIds.length > 0 && !sameComponent;
  const minutesApart = Math.round(Math.abs(report.receivedAt - incident.openedAt) / 60_000);
  const context = {
    sameComponent,
    otherComponent,
    minutesApart,
    halfLifeMinutes: INCIDENT_HALF_LIFE_MINUTES,
  };
  const [own, ...linked] = members.map((member) => {
    const match = compareTexts(analysed, member, true);
    return { match, score: combineScore(match, context) };
  });
  linked.sort((a, b) => b.score - a.score);
  const [best, second] = linked;
  const fromReports = best && second ? (2 * best.score + second.score) / 3 : (best?.score ?? 0);
  const ownScore = own?.score ?? 0;
  const lead = best && fromReports > ownScore ? best : own;
  const sharedTerms = [...new Set([...(lead?.match.sharedTerms ?? []), ...(own?.match.sharedTerms ?? [])])];
  return {
    score: Math.round(Math.max(ownScore, fromReports) * 1000) / 1000,
    sharedTerms: sharedTerms.slice(0, 8),
    sameComponent,
    minutesApart,
  };
}

/** An incident with its texts analysed once, for matching many reports against it. */
export interface PreparedIncident {
  incident: IncidentForMatching;
  members: readonly AnalyzedText[];
}

/** Analyse an incident's texts (its own and its latest linked reports) ahead of matching. */
export function prepareIncident(incident: IncidentForMatching): PreparedIncident {
  return { incident, members: incidentMembers(incident) };
}

/** The open incident a new report belongs to, or null. */
export function matchReportToIncident(
  report: ReportForMatching,
  incidents: IncidentForMatching[],
  options?: Partial<ClusterOptions>,
): { incidentId: number; why: MatchExplanation } | null {
  return matchReportToPrepared(report, incidents.map(prepareIncident), options);
}

/** The open incident a new report belongs to, among incidents analysed beforehand, or null. */
export function matchReportToPrepared(
  report: ReportForMatching,
  incidents: readonly PreparedIncident[],
  options?: Partial<ClusterOptions>,
): { incidentId: number; why: MatchExplanation } | null {
  const { matchThreshold } = { ...DEFAULT_CLUSTER_OPTIONS, ...options };
  const analysed = analyzeText(report.text);
  if (analysed.norm === 0) return null;
  // A cheap pass over every incident ranks them; the thorough pass decides among the best few.
  const ranked = incidents
    .map(({ incident, members }) => ({ incident, members, quick: quickLikeness(analysed, members) }))
    .filter(({ quick }) => quick > 0)
    .sort((a, b) => b.quick - a.quick || a.incident.id - b.incident.id)
    .slice(0, SHORTLIST);
  let best: { incidentId: number; why: MatchExplanation } | null = null;
  for (const { incident, members } of ranked) {
    const why = scoreIncident(analysed, report, incident, members);
    if (why.score < matchThreshold) continue;
    if (
      !best ||
      why.score > best.why.score ||
      (why.score === best.why.score && incident.id < best.incidentId)
    ) {
      best = { incidentId: incident.id, why };
    }
  }
  return best;
}
