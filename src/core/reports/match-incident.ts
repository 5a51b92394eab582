import {
  DEFAULT_CLUSTER_OPTIONS,
  type ClusterOptions,
  type IncidentForMatching,
  type MatchExplanation,
  type ReportForMatching,
} from './clustering-types.js';
import { combineScore, compareTexts, type TextMatch } from './similarity.js';
import { analyzeText, type AnalyzedText } from './text-analysis.js';

/** Only the latest linked reports speak for an incident: enough to know it, bounded in cost. */
export const MAX_LINKED_TEXTS = 20;
/** Candidates the cheap comparison passes on to the thorough one. */
const SHORTLIST = 6;
/** An incident hours old still collects reports; age takes at most a fifth off a score. */
const INCIDENT_HALF_LIFE_MINUTES = 240;

function incidentMembers(incident: IncidentForMatching): AnalyzedText[] {
  const linked = incident.reportTexts.slice(-MAX_LINKED_TEXTS);
  return [analyzeText(incident.text), ...linked.map((text) => analyzeText(text))];
}

/** The incident's own text, or its linked reports (the best two, so one stray counts less). */
function incidentTextMatch(
  report: AnalyzedText,
  members: readonly AnalyzedText[],
  thorough: boolean,
): TextMatch {
  const [own, ...linked] = members.map((member) => compareTexts(report, member, thorough));
  linked.sort((a, b) => b.text - a.text);
  const [best, second] = linked;
  const fromReports = best && second ? (2 * best.text + second.text) / 3 : (best?.text ?? 0);
  const ownText = own?.text ?? 0;
  const lead = best && fromReports > ownText ? best : own;
  if (!lead) return { text: 0, sharedTerms: [], sharedStrong: 0 };
  const sharedTerms = [...new Set([...lead.sharedTerms, ...(own?.sharedTerms ?? [])])];
  const sharedStrong = Math.max(own?.sharedStrong ?? 0, best?.sharedStrong ?? 0);
  return { text: Math.max(ownText, fromReports), sharedTerms, sharedStrong };
}

/** How well a report fits an incident, explained. */
export function explainIncidentMatch(
  report: ReportForMatching,
  incident: IncidentForMatching,
): MatchExplanation {
  return scoreIncident(analyzeText(report.text), report, incident, incidentMembers(incident));
}

function scoreIncident(
  analysed: AnalyzedText,
  report: ReportForMatching,
  incident: IncidentForMatching,
  members: readonly AnalyzedText[],
): MatchExplanation {
  const match = incidentTextMatch(analysed, members, true);
  const sameComponent = report.componentId !== null && incident.componentIds.includes(report.componentId);
  const otherComponent = report.componentId !== null && incident.componentIds.length > 0 && !sameComponent;
  const minutesApart = Math.round(Math.abs(report.receivedAt - incident.openedAt) / 60_000);
  const context = {
    sameComponent,
    otherComponent,
    minutesApart,
    halfLifeMinutes: INCIDENT_HALF_LIFE_MINUTES,
  };
  return {
    score: combineScore(match, context),
    sharedTerms: match.sharedTerms.slice(0, 8),
    sameComponent,
    minutesApart,
  };
}

/** The open incident a new report belongs to, or null. */
export function matchReportToIncident(
  report: ReportForMatching,
  incidents: IncidentForMatching[],
  options?: Partial<ClusterOptions>,
): { incidentId: number; why: MatchExplanation } | null {
  const { matchThreshold } = { ...DEFAULT_CLUSTER_OPTIONS, ...options };
  const analysed = analyzeText(report.text);
  if (analysed.norm === 0) return null;
  // A cheap pass over every incident ranks them; the thorough pass decides among the best few.
  const ranked = incidents
    .map((incident) => {
      const members = incidentMembers(incident);
      return { incident, members, quick: incidentTextMatch(analysed, members, false).text };
    })
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
