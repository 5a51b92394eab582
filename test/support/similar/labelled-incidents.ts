/**
 * The labelled incident set (test/fixtures/incidents/labelled-incidents.json) replayed as
 * Beacon sees it: every incident is indexed with its full record, and each repeat asks for
 * similar incidents as it reads when declared (title, summary, services, alerts; no root cause
 * yet), among the incidents before it. Used by the quality test and `bench/similar-incidents.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { incidentFeatures, SimilarityIndex, type SimilarMatch } from '../../../src/core/similar/index.js';

/** One incident of the labelled set. */
export interface LabelledIncident {
  id: number;
  /** The problem it is an occurrence of; repeats share it. */
  group: string;
  title: string;
  summary: string;
  rootCause: string | null;
  resolution: string | null;
  category: string | null;
  services: string[];
  alerts: Array<Record<string, string>>;
  startedAt: string;
}

const FIXTURE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../fixtures/incidents/labelled-incidents.json',
);

/** The labelled set, oldest first (ids follow start times). */
export function loadLabelledIncidents(): LabelledIncident[] {
  const file = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as { incidents: LabelledIncident[] };
  return file.incidents.sort((a, b) => a.id - b.id);
}

/** What a replay measured: recall@k, mean reciprocal rank, and each repeat's ranking. */
export interface RankingQuality {
  repeats: number;
  recallAt1: number;
  recallAt5: number;
  mrr: number;
  /** Per repeat: the rank of its first earlier occurrence (0: not in the results) and the top result. */
  rankings: Array<{ id: number; group: string; rank: number; top: SimilarMatch | undefined }>;
}

function serviceIdsOf(incident: LabelledIncident, services: Map<string, number>): number[] {
  return incident.services.map((name) => {
    if (!services.has(name)) services.set(name, services.size + 1);
    return services.get(name) ?? 0;
  });
}

/**
 * Index the whole set, then ask for each repeat's top 10 among the incidents before it
 * (`isTitleOnly`: asking with the title alone, as a page with no summary yet).
 */
export function measureRanking(
  incidents: readonly LabelledIncident[],
  options: { limit?: number; isTitleOnly?: boolean } = {},
): RankingQuality {
  const limit = options.limit ?? 10;
  const index = new SimilarityIndex();
  const services = new Map<string, number>();
  const record = (incident: LabelledIncident, isDeclared: boolean) => ({
    id: incident.id,
    number: incident.id,
    title: incident.title,
    summary: isDeclared && options.isTitleOnly === true ? '' : incident.summary,
    rootCause: isDeclared ? null : incident.rootCause,
    resolution: isDeclared ? null : incident.resolution,
    category: incident.category,
    serviceIds: serviceIdsOf(incident, services),
    alertLabels: incident.alerts,
    startedAt: Date.parse(incident.startedAt),
  });
  for (const incident of incidents) {
    index.put(incident.id, Date.parse(incident.startedAt), incidentFeatures(record(incident, false)));
  }
  const rankings: RankingQuality['rankings'] = [];
  for (const incident of incidents) {
    const earlier = incidents.filter((other) => other.id < incident.id && other.group === incident.group);
    if (earlier.length === 0) continue;
    const results = index.lookup({
      incidentId: incident.id,
      beforeId: incident.id,
      features: incidentFeatures(record(incident, true)),
      limit,
    });
    const groupOf = new Map(incidents.map((other) => [other.id, other.group]));
    const position = results.findIndex((match) => groupOf.get(match.incidentId) === incident.group);
    rankings.push({ id: incident.id, group: incident.group, rank: position + 1, top: results[0] });
  }
  const share = (test: (rank: number) => boolean) =>
    rankings.filter(({ rank }) => test(rank)).length / Math.max(1, rankings.length);
  return {
    repeats: rankings.length,
    recallAt1: share((rank) => rank === 1),
    recallAt5: share((rank) => rank >= 1 && rank <= 5),
    mrr:
      rankings.reduce((sum, { rank }) => sum + (rank > 0 ? 1 / rank : 0), 0) / Math.max(1, rankings.length),
    rankings,
  };
}
