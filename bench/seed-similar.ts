/**
 * Seeds a history of incidents for the similar-incidents benchmark: titles, summaries, root
 * causes and resolutions from the labelled set and from the incident-list seed's phrasing,
 * 1–2 of 60 services each, and for most an alert with its alertname, job and namespace.
 * Batched: 500 rows per INSERT, 10,000 incidents per transaction.
 */
import type { NewIncidentRow } from '../src/server/store/schema.js';
import type { Store } from '../src/server/store/store.js';
import type { LabelledIncident } from '../test/support/similar/labelled-incidents.js';
import { fakeIncident } from './seed-incidents.js';

const PER_TRANSACTION = 10_000;
const PER_INSERT = 500;
const SERVICES = 60;
const ALERTNAMES = [
  'HighErrorRate',
  'LatencyHigh',
  'PostgresDiskFull',
  'PostgresReplicationLag',
  'KafkaConsumerLagHigh',
  'RedisMemoryHigh',
  'KubePodCrashLooping',
  'KubeNodeMemoryPressure',
  'TLSCertificateExpiring',
  'ProbeFailure',
  'QueueBacklog',
  'DiskAlmostFull',
  'HTTP5xxRate',
  'SyntheticCheckFailed',
  'ElasticsearchHeapHigh',
  'EmailQueueBacklog',
];

/** Small deterministic PRNG (mulberry32), so every run seeds the same history. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

/** One incident row: half worded like the labelled set (with a distinguishing number), half like the list seed. */
function seededIncident(
  random: () => number,
  number: number,
  at: number,
  userId: number,
  labelled: readonly LabelledIncident[],
): NewIncidentRow {
  const row = fakeIncident(random, number, at, userId);
  if (random() < 0.5) {
    const from = pick(random, labelled);
    const isFinished = row.status === 'resolved' || row.status === 'closed';
    return {
      ...row,
      title: `${from.title} (${number % 997})`,
      summary: from.summary,
      category: from.category,
      root_cause: isFinished ? from.rootCause : null,
      resolution_summary: isFinished ? from.resolution : null,
    };
  }
  return row;
}

/** Create 60 services and seed `count` incidents over two years before `now`; returns the service ids. */
export async function seedSimilarIncidents(
  store: Store,
  options: { count: number; userId: number; now: number; labelled: readonly LabelledIncident[] },
  onProgress: (done: number) => void,
): Promise<void> {
  const random = prng(7);
  const services = await store.db
    .insertInto('services')
    .values(
      Array.from({ length: SERVICES }, (_, i) => ({
        name: `service-${String(i + 1).padStart(2, '0')}`,
        description: '',
        escalation_policy_id: null,
        owner_team_id: null,
        alert_rules: null,
        created_at: options.now,
        updated_at: options.now,
      })),
    )
    .returning('id')
    .execute();
  const serviceIds = services.map((service) => service.id);
  const span = 2 * 365 * 86_400_000;
  const step = span / options.count;
  for (let start = 0; start < options.count; start += PER_TRANSACTION) {
    await store.transaction(async (tx) => {
      const end = Math.min(start + PER_TRANSACTION, options.count);
      for (let chunk = start; chunk < end; chunk += PER_INSERT) {
        const rows: NewIncidentRow[] = [];
        for (let i = chunk; i < Math.min(chunk + PER_INSERT, end); i++) {
          const at = Math.floor(options.now - span + i * step);
          rows.push(seededIncident(random, i + 1, at, options.userId, options.labelled));
        }
        const inserted = await tx
          .insertInto('incidents')
          .values(rows)
          .returning(['id', 'created_at'])
          .execute();
        const links = inserted.flatMap((row) => {
          const first = pick(random, serviceIds);
          const second = random() < 0.3 ? pick(random, serviceIds) : first;
          return [...new Set([first, second])].map((serviceId) => ({
            incident_id: row.id,
            service_id: serviceId,
          }));
        });
        await tx.insertInto('incident_services').values(links).execute();
        const alerts = inserted.flatMap((row, i) => {
          if (random() >= 0.6) return [];
          const serviceId = links.find((link) => link.incident_id === row.id)?.service_id ?? 0;
          const alertname = pick(random, ALERTNAMES);
          const labels = {
            alertname,
            job: `job-${serviceId}`,
            namespace: `ns-${serviceId % 12}`,
            instance: `10.0.${i % 250}.${Math.floor(random() * 250)}:9100`,
          };
          return [
            {
              service_id: serviceId,
              integration_id: null,
              dedup_key: `seed-${row.id}`,
              status: 'resolved',
              summary: `${alertname} on job-${serviceId}`,
              severity: 'critical',
              source: 'prometheus',
              labels: JSON.stringify(labels),
              details: '{}',
              links: '[]',
              generator_url: null,
              payload: '{}',
              starts_at: row.created_at,
              ends_at: row.created_at + 600_000,
              acknowledged_at: null,
              resolved_at: row.created_at + 600_000,
              incident_id: row.id,
              group_key: `seed-${serviceId}`,
              is_suppressed: 0,
              is_flapping: 0,
              state_changes: '[]',
              event_count: 1,
              last_event_at: row.created_at,
              created_at: row.created_at,
              updated_at: row.created_at,
            },
          ];
        });
        if (alerts.length > 0) await tx.insertInto('alerts').values(alerts).execute();
      }
    });
    onProgress(Math.min(start + PER_TRANSACTION, options.count));
  }
  await store.db
    .updateTable('counters')
    .set({ value: options.count })
    .where('name', '=', 'incident_number')
    .execute();
}
