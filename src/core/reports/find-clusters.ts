import {
  DEFAULT_CLUSTER_OPTIONS,
  type ClusterOptions,
  type MatchExplanation,
  type ReportCluster,
  type ReportForMatching,
} from './clustering-types.js';
import { combineScore, compareTexts } from './similarity.js';
import { analyzeText, type AnalyzedText } from './text-analysis.js';

/** One report's comparison with another. */
interface Pair {
  score: number;
  sharedTerms: string[];
}

interface Node {
  report: ReportForMatching;
  analysed: AnalyzedText;
  links: Map<number, Pair>; // index → pair, for pairs within the window
}

/** Two reports compared: score and explanation (`halfLifeMinutes`: how fast time apart counts). */
export function compareReports(
  a: ReportForMatching,
  b: ReportForMatching,
  halfLifeMinutes = DEFAULT_CLUSTER_OPTIONS.windowMs / 60_000,
): MatchExplanation {
  const match = compareTexts(analyzeText(a.text), analyzeText(b.text), true);
  const sameComponent = a.componentId !== null && a.componentId === b.componentId;
  const otherComponent = a.componentId !== null && b.componentId !== null && !sameComponent;
  const minutesApart = Math.round(Math.abs(a.receivedAt - b.receivedAt) / 60_000);
  const score = combineScore(match, { sameComponent, otherComponent, minutesApart, halfLifeMinutes });
  return { score, sharedTerms: match.sharedTerms.slice(0, 8), sameComponent, minutesApart };
}

function buildGraph(reports: readonly ReportForMatching[], options: ClusterOptions): Node[] {
  const nodes = [...reports]
    .sort((a, b) => a.receivedAt - b.receivedAt || a.id - b.id)
    .map((report) => ({ report, analysed: analyzeText(report.text), links: new Map<number, Pair>() }));
  const halfLife = options.windowMs / 60_000;
  for (let i = 0; i < nodes.length; i++) {
    const a = nodes[i] as Node;
    for (let j = i + 1; j < nodes.length; j++) {
      const b = nodes[j] as Node;
      if (b.report.receivedAt - a.report.receivedAt > options.windowMs) break;
      const why = compareReports(a.report, b.report, halfLife);
      a.links.set(j, why);
      b.links.set(i, {
        score: why.score,
        sharedTerms: compareReports(b.report, a.report, halfLife).sharedTerms,
      });
    }
  }
  return nodes;
}

function fitsCluster(
  nodes: readonly Node[],
  members: readonly number[],
  candidate: number,
  options: ClusterOptions,
): boolean {
  const node = nodes[candidate] as Node;
  let total = 0;
  let strong = 0;
  for (const member of members) {
    const pair = node.links.get(member);
    if (!pair) return false; // outside the window of a member
    total += pair.score;
    if (pair.score >= options.clusterThreshold) strong++;
  }
  return strong * 2 >= members.length && total / members.length >= options.clusterThreshold * 0.75;
}

function growCluster(
  nodes: readonly Node[],
  seed: number,
  taken: ReadonlySet<number>,
  options: ClusterOptions,
): number[] {
  const members = [seed];
  for (let grew = true; grew;) {
    grew = false;
    const candidates = new Map<number, number>();
    for (const member of members) {
      for (const [other, pair] of (nodes[member] as Node).links) {
        if (taken.has(other) || members.includes(other) || pair.score < options.clusterThreshold) continue;
        candidates.set(other, Math.max(candidates.get(other) ?? 0, pair.score));
      }
    }
    const ordered = [...candidates].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    for (const [candidate] of ordered) {
      if (fitsCluster(nodes, members, candidate, options)) {
        members.push(candidate);
        grew = true;
      }
    }
  }
  return members.sort((a, b) => a - b);
}

function mostCommon<T>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: T | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) [best, bestCount] = [value, count];
  }
  return best;
}

/** The terms most of the cluster's reports use, as they most often wrote them. */
function clusterTitle(members: readonly Node[]): string {
  const byTerm = new Map<string, { weight: number; surfaces: string[] }>();
  for (const { analysed } of members) {
    for (const [term, weight] of analysed.terms) {
      if (weight < 0.5) continue;
      const entry = byTerm.get(term) ?? { weight: 0, surfaces: [] };
      entry.weight += weight;
      entry.surfaces.push(analysed.surface.get(term) ?? term);
      byTerm.set(term, entry);
    }
  }
  const shared = [...byTerm]
    .filter(([, entry]) => entry.surfaces.length >= 2 && entry.surfaces.length * 5 >= members.length * 2)
    .sort((a, b) => b[1].weight - a[1].weight || (a[0] < b[0] ? -1 : 1))
    .slice(0, 4)
    .map(([, entry]) => mostCommon(entry.surfaces) ?? '');
  return shared.length > 0
    ? `Customers report: ${shared.join(', ')}`
    : `${members.length} similar customer reports`;
}

function explainMember(nodes: readonly Node[], members: readonly number[], index: number): MatchExplanation {
  const node = nodes[index] as Node;
  const others = members.filter((member) => member !== index);
  const termCounts = new Map<string, number>();
  let total = 0;
  for (const other of others) {
    const pair = node.links.get(other);
    total += pair?.score ?? 0;
    for (const term of pair?.sharedTerms ?? []) termCounts.set(term, (termCounts.get(term) ?? 0) + 1);
  }
  const component = mostCommon(
    members.map((m) => (nodes[m] as Node).report.componentId).filter((c) => c !== null),
  );
  const first = nodes[members[0] ?? index] as Node;
  return {
    score: Math.round((total / Math.max(1, others.length)) * 1000) / 1000,
    sharedTerms: [...termCounts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 8)
      .map(([term]) => term),
    sameComponent: component !== undefined && node.report.componentId === component,
    minutesApart: Math.round((node.report.receivedAt - first.report.receivedAt) / 60_000),
  };
}

/** Unlinked reports that form a group large enough to raise a triage incident (reports within the window). */
export function findReportClusters(
  reports: ReportForMatching[],
  options?: Partial<ClusterOptions>,
): ReportCluster[] {
  const settings = { ...DEFAULT_CLUSTER_OPTIONS, ...options };
  const nodes = buildGraph(reports, settings);
  const degree = (node: Node) => {
    let count = 0;
    for (const pair of node.links.values()) if (pair.score >= settings.clusterThreshold) count++;
    return count;
  };
  // The best-connected reports seed first: a cluster grows from its core, not from its edge.
  const seeds = nodes
    .map((node, index) => ({ index, degree: degree(node) }))
    .filter(({ degree: d }) => d + 1 >= settings.minClusterSize)
    .sort((a, b) => b.degree - a.degree || a.index - b.index);
  const taken = new Set<number>();
  const clusters: ReportCluster[] = [];
  for (const { index } of seeds) {
    if (taken.has(index)) continue;
    const members = growCluster(nodes, index, taken, settings);
    if (members.length < settings.minClusterSize) continue;
    for (const member of members) taken.add(member);
    clusters.push({
      reportIds: members.map((m) => (nodes[m] as Node).report.id),
      why: members.map((m) => explainMember(nodes, members, m)),
      title: clusterTitle(members.map((m) => nodes[m] as Node)),
    });
  }
  return clusters;
}
