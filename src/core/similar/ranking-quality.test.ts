import { describe, expect, it } from 'vitest';
import { loadLabelledIncidents, measureRanking } from '../../../test/support/similar/labelled-incidents.js';

/**
 * The labelled set (test/fixtures/incidents) replayed: each repeat, as it reads when declared,
 * asks for similar incidents among those before it. Target: recall@5 ≥ 0.9 (BENCHMARKS.md,
 * "Similar incidents").
 */
describe('similar incidents ranking quality', () => {
  const incidents = loadLabelledIncidents();

  it('finds an earlier occurrence in the top 5 for at least 90% of repeats, MRR ≥ 0.8', () => {
    expect(incidents.length).toBeGreaterThanOrEqual(300);
    const quality = measureRanking(incidents);
    expect(quality.repeats).toBeGreaterThanOrEqual(200);
    expect(quality.recallAt5).toBeGreaterThanOrEqual(0.9);
    expect(quality.mrr).toBeGreaterThanOrEqual(0.8);
    // Every top result says why: a score in range and something shared.
    for (const { top } of quality.rankings) {
      expect(top?.score).toBeGreaterThan(0);
      expect(top?.score).toBeLessThanOrEqual(1);
      const reasons =
        (top?.sharedTerms.length ?? 0) +
        (top?.sharedServiceIds.length ?? 0) +
        (top?.sharedAlertnames.length ?? 0);
      expect(reasons).toBeGreaterThan(0);
    }
  });

  it('still finds them from the title alone (recall@5 ≥ 0.85)', () => {
    const quality = measureRanking(incidents, { isTitleOnly: true });
    expect(quality.recallAt5).toBeGreaterThanOrEqual(0.85);
  });

  it('has near misses: several problems on one service, and one-off incidents', () => {
    const groupsPerService = new Map<string, Set<string>>();
    for (const incident of incidents)
      for (const service of incident.services)
        groupsPerService.set(service, (groupsPerService.get(service) ?? new Set()).add(incident.group));
    expect([...groupsPerService.values()].filter((groups) => groups.size >= 3).length).toBeGreaterThanOrEqual(
      8,
    );
    expect(
      incidents.filter((incident) => incident.group.startsWith('single-')).length,
    ).toBeGreaterThanOrEqual(30);
  });
});
