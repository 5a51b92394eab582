import { type Level, LEVELS, priorityOf } from '../src/core/priority.js';
import type { NewIncidentRow } from '../src/server/store/schema.js';
import type { Store } from '../src/server/store/store.js';

/** The word that appears in about 1% of seeded titles (and nowhere else), for the search case. */
export const RARE_WORD = 'kafka';

const COMPONENTS = [
  'checkout',
  'payments',
  'search',
  'login',
  'api gateway',
  'postgres primary',
  'redis cache',
  'cdn',
  'mobile push',
  'billing',
  'email delivery',
  'image resizer',
  'dns',
  'inventory',
  'webhooks',
  'scheduler',
];
const SYMPTOMS = [
  'returns 502',
  'latency above SLO',
  'error rate spike',
  'timeouts',
  'degraded performance',
  'unavailable',
  'elevated 5xx',
  'stale data',
  'queue backlog growing',
  'certificate expiring',
  'disk almost full',
  'memory leak',
  'failing health checks',
  'intermittent failures',
];
const REGIONS = ['eu-west-1', 'us-east-1', 'us-west-2', 'ap-southeast-2', 'all regions'];
const CAUSES = [
  'a bad deploy',
  'a config push',
  'an expired certificate',
  'a noisy neighbour',
  'a traffic surge',
  'an upstream provider outage',
  'a schema migration',
  'a full disk',
];

// Weighted so most history is finished and a realistic few are open.
const STATUSES: Array<[string, number]> = [
  ['closed', 60],
  ['resolved', 20],
  ['investigating', 6],
  ['triggered', 4],
  ['identified', 3],
  ['monitoring', 3],
  ['triage', 2],
  ['declined', 2],
];
const SEVERITIES: Array<[string, number]> = [
  ['SEV1', 5],
  ['SEV2', 15],
  ['SEV3', 40],
  ['SEV4', 40],
];

/** Small deterministic PRNG (mulberry32) so every run seeds the same data. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function weighted(random: () => number, table: Array<[string, number]>): string {
  let roll = random() * table.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of table) if ((roll -= weight) < 0) return value;
  return table[0]?.[0] ?? '';
}

const MINUTE = 60_000;

/** One realistic incident row; `createdAt` increases with `number` like real history. */
export function fakeIncident(
  random: () => number,
  number: number,
  createdAt: number,
  userId: number,
): NewIncidentRow {
  const component = random() < 0.01 ? `${RARE_WORD} consumers` : pick(random, COMPONENTS);
  const title = `${component} ${pick(random, SYMPTOMS)} in ${pick(random, REGIONS)}`;
  const status = weighted(random, STATUSES);
  const [impact, urgency] = [pick(random, LEVELS), pick(random, LEVELS)] as [Level, Level];
  const isFinished = ['resolved', 'closed'].includes(status);
  const acknowledgedAt = ['triage', 'triggered', 'declined'].includes(status)
    ? null
    : createdAt + Math.floor(random() * 10 * MINUTE);
  const resolvedAt = isFinished ? createdAt + Math.floor((30 + random() * 600) * MINUTE) : null;
  const closedAt =
    status === 'closed' && resolvedAt !== null
      ? resolvedAt + Math.floor(random() * 3 * 24 * 60 * MINUTE)
      : null;
  const cause = pick(random, CAUSES);
  return {
    number,
    title,
    summary: `Customers reported ${title.toLowerCase()}. On-call paged by monitoring; suspected ${cause}.`,
    status,
    severity: weighted(random, SEVERITIES),
    impact,
    urgency,
    priority: priorityOf(impact, urgency),
    category: null,
    commander_id: acknowledgedAt === null ? null : userId,
    tags: JSON.stringify(random() < 0.3 ? ['customer-facing'] : []),
    resolution_summary: isFinished ? `Mitigated ${cause}; error rates back to normal.` : null,
    root_cause: status === 'closed' ? `Root cause: ${cause}.` : null,
    merged_into_id: null,
    started_at: createdAt - Math.floor(random() * 15 * MINUTE),
    detected_at: createdAt,
    acknowledged_at: acknowledgedAt,
    mitigated_at: resolvedAt,
    resolved_at: resolvedAt,
    closed_at: closedAt,
    created_at: createdAt,
    updated_at: closedAt ?? resolvedAt ?? acknowledgedAt ?? createdAt,
    created_by: userId,
    version: 1,
  };
}

/**
 * Insert `count` incidents spread over the two years before `now`, each with its
 * `declared` timeline line: 5,000 per transaction, 500 per INSERT statement.
 */
export async function seedIncidents(
  store: Store,
  count: number,
  userId: number,
  now: number,
  onProgress: (done: number) => void,
): Promise<void> {
  const random = prng(42);
  const span = 2 * 365 * 24 * 60 * MINUTE;
  const step = span / count;
  for (let start = 0; start < count; start += 5000) {
    await store.transaction(async (tx) => {
      for (let chunk = start; chunk < Math.min(start + 5000, count); chunk += 500) {
        const rows: NewIncidentRow[] = [];
        for (let i = chunk; i < Math.min(chunk + 500, count); i++) {
          rows.push(fakeIncident(random, i + 1, Math.floor(now - span + i * step), userId));
        }
        const inserted = await tx
          .insertInto('incidents')
          .values(rows)
          .returning(['id', 'created_at', 'title'])
          .execute();
        await tx
          .insertInto('timeline_entries')
          .values(
            inserted.map((row) => ({
              incident_id: row.id,
              at: row.created_at,
              actor_type: 'user',
              actor_id: userId,
              actor_name: 'Bench Admin',
              kind: 'declared',
              changes: null,
              body: row.title,
            })),
          )
          .execute();
      }
    });
    onProgress(Math.min(start + 5000, count));
  }
  await store.db
    .updateTable('counters')
    .set({ value: count })
    .where('name', '=', 'incident_number')
    .execute();
}
