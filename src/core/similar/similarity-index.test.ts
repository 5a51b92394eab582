import { describe, expect, it } from 'vitest';
import { incidentFeatures, type IncidentForSimilarity } from './incident-features.js';
import { SimilarityIndex } from './similarity-index.js';

const DAY = 86_400_000;

function incident(id: number, fields: Partial<IncidentForSimilarity>): IncidentForSimilarity {
  return {
    id,
    number: id,
    title: '',
    summary: '',
    rootCause: null,
    resolution: null,
    category: null,
    serviceIds: [],
    alertLabels: [],
    startedAt: id * DAY,
    ...fields,
  };
}

function indexOf(incidents: IncidentForSimilarity[]): SimilarityIndex {
  const index = new SimilarityIndex();
  for (const item of incidents) index.put(item.id, item.startedAt, incidentFeatures(item));
  return index;
}

const diskFull = incident(1, {
  title: 'Payments database out of disk space',
  summary: 'Writes fail with no space left on device.',
  rootCause: 'Stale replication slot kept WAL.',
  serviceIds: [7],
  alertLabels: [{ alertname: 'PostgresDiskFull', job: 'postgres', instance: '10.0.0.1' }],
  category: 'outage',
});
const slowSearch = incident(2, {
  title: 'Search slow, Elasticsearch heap pressure',
  summary: 'Queries time out during garbage collection.',
  serviceIds: [8],
  alertLabels: [{ alertname: 'SearchLatencyHigh', job: 'elasticsearch' }],
});
const lag = incident(3, {
  title: 'Payments replica lagging',
  summary: 'Replication lag on the payments database.',
  serviceIds: [7],
});

describe('SimilarityIndex', () => {
  it('ranks the repeat first and explains it: words, service, alert name, labels, category', () => {
    const index = indexOf([diskFull, slowSearch, lag]);
    const asking = incident(4, {
      title: 'Disk full on the payments Postgres primary',
      summary: 'Inserts rejected: no space left.',
      serviceIds: [7],
      alertLabels: [{ alertname: 'PostgresDiskFull', job: 'postgres', instance: '10.0.0.2' }],
      category: 'outage',
    });
    const [first, second] = index.lookup({ incidentId: 4, features: incidentFeatures(asking), limit: 5 });
    expect(first?.incidentId).toBe(1);
    expect(first?.sharedTerms).toEqual(expect.arrayContaining(['disk', 'payments']));
    expect(first?.sharedServiceIds).toEqual([7]);
    expect(first?.sharedAlertnames).toEqual(['PostgresDiskFull']);
    expect(first?.sharedLabels).toEqual(['job=postgres']);
    expect(first?.sameCategory).toBe(true);
    expect(second?.incidentId).toBe(3);
    expect(second?.score).toBeLessThan(first?.score ?? 0);
  });

  it('leaves out the incident itself, later ones with beforeId, and those outside the time window', () => {
    const index = indexOf([diskFull, slowSearch, lag]);
    const features = incidentFeatures(diskFull);
    expect(index.lookup({ incidentId: 1, features, limit: 5 }).map((m) => m.incidentId)).toEqual([3]);
    expect(index.lookup({ incidentId: 0, features, limit: 5, beforeId: 3 }).map((m) => m.incidentId)).toEqual(
      [1],
    );
    const windowed = index.lookup({
      incidentId: 0,
      features,
      limit: 5,
      startedSince: 2 * DAY,
      startedBefore: 4 * DAY,
    });
    expect(windowed.map((m) => m.incidentId)).toEqual([3]);
  });

  it('replaces an incident on put and forgets it on remove, compacting when most slots are retired', () => {
    const index = indexOf([diskFull, slowSearch]);
    index.put(
      2,
      slowSearch.startedAt,
      incidentFeatures({ ...slowSearch, title: 'Payments disk full again' }),
    );
    const features = incidentFeatures(diskFull);
    expect(index.lookup({ incidentId: 1, features, limit: 5 }).map((m) => m.incidentId)).toEqual([2]);
    index.remove(2);
    expect(index.lookup({ incidentId: 1, features, limit: 5 })).toEqual([]);
    expect(index.size).toBe(1);
    for (let round = 0; round < 3000; round++) index.put(10 + (round % 5), round, incidentFeatures(lag));
    expect(index.size).toBe(6);
    expect(index.lookup({ incidentId: 0, features: incidentFeatures(lag), limit: 10 })).toHaveLength(6);
  });

  it('finds nothing for an incident with no words or features', () => {
    const index = indexOf([diskFull]);
    expect(index.lookup({ incidentId: 9, features: incidentFeatures(incident(9, {})), limit: 5 })).toEqual(
      [],
    );
  });
});
