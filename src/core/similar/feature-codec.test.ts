import { describe, expect, it } from 'vitest';
import { loadLabelledIncidents } from '../../../test/support/similar/labelled-incidents.js';
import { decodeFeatures, encodeFeatures } from './feature-codec.js';
import { incidentFeatures } from './incident-features.js';
import { SimilarityIndex } from './similarity-index.js';

describe('stored similarity features', () => {
  const incidents = loadLabelledIncidents();
  const services = new Map<string, number>();
  const computed = incidents.map((incident) => ({
    id: incident.id,
    startedAt: Date.parse(incident.startedAt),
    features: incidentFeatures({
      ...incident,
      number: incident.id,
      serviceIds: incident.services.map((name) => {
        if (!services.has(name)) services.set(name, services.size + 1);
        return services.get(name) ?? 0;
      }),
      alertLabels: incident.alerts,
      startedAt: Date.parse(incident.startedAt),
    }),
  }));

  it('read back give every labelled incident the same lookups, scores and explanations as computed ones', () => {
    const fresh = new SimilarityIndex();
    const stored = new SimilarityIndex();
    for (const { id, startedAt, features } of computed) {
      fresh.put(id, startedAt, features);
      stored.put(id, startedAt, decodeFeatures(encodeFeatures(features)));
    }
    let compared = 0;
    for (const { id, features } of computed) {
      const asked = { incidentId: id, beforeId: id, limit: 5 };
      const expected = fresh.lookup({ ...asked, features });
      const actual = stored.lookup({ ...asked, features: decodeFeatures(encodeFeatures(features)) });
      expect(actual).toEqual(expected);
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('keep the written word of a term only where it differs from the term', () => {
    const features = computed.find(({ features }) =>
      [...features.terms.keys()].some((key) => features.surface.get(key) !== key),
    )?.features;
    if (!features) throw new Error('no labelled incident with a stemmed word');
    const back = decodeFeatures(encodeFeatures(features));
    expect([...back.terms]).toEqual([...features.terms]);
    for (const key of features.terms.keys()) expect(back.surface.get(key)).toBe(features.surface.get(key));
  });
});
