import { describe, expect, it } from 'vitest';
import {
  heldOutLabels,
  loadLabelledReports,
  replayReports,
} from '../../../test/support/reports/replay-reports.js';
import { bcubed } from './bcubed.js';

/**
 * The labelled set replayed in arrival order as the product runs it (match to an open
 * incident, else cluster the waiting reports). Targets from issue 10: precision ≥ 0.90 and
 * recall ≥ 0.85 (BENCHMARKS.md, "Customer-report clustering").
 */
describe('customer-report clustering quality', () => {
  it('reaches B-cubed precision ≥ 0.90 and recall ≥ 0.85 on the labelled set, held-out problems included', () => {
    const reports = loadLabelledReports();
    expect(reports.length).toBeGreaterThanOrEqual(240);
    const truth = new Map(reports.map((r) => [r.id, r.label]));
    const { placed, why } = replayReports(reports);
    const all = bcubed(truth, placed);
    expect(all.precision).toBeGreaterThanOrEqual(0.9);
    expect(all.recall).toBeGreaterThanOrEqual(0.85);

    const held = heldOutLabels(reports);
    expect(held.size).toBe(3);
    const heldIds = reports.filter((r) => held.has(r.label)).map((r) => r.id);
    const heldOut = bcubed(
      new Map(heldIds.map((id) => [id, truth.get(id) ?? ''])),
      new Map(heldIds.map((id) => [id, placed.get(id) ?? ''])),
    );
    expect(heldOut.precision).toBeGreaterThanOrEqual(0.9);
    expect(heldOut.recall).toBeGreaterThanOrEqual(0.85);

    // Every report placed in an incident says why, with a score in range and the terms it shares.
    for (const [id, incident] of placed) {
      if (!incident.startsWith('incident-')) continue;
      const explanation = why.get(id);
      expect(explanation?.score).toBeGreaterThan(0);
      expect(explanation?.score).toBeLessThanOrEqual(1);
      expect(explanation?.sharedTerms.length).toBeGreaterThan(0);
    }
  });
});
