import type { StatusPageSnapshot, UptimeDay } from '../../../src/core/status/snapshot.js';

const DAY = 86_400_000;

/** A time on 2026-03-01 (UTC), the fixture's "today". */
export const FIXTURE_NOW = Date.parse('2026-03-01T12:00:00.000Z');

function uptimeDays(count: number, outageDay: number): UptimeDay[] {
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(FIXTURE_NOW - (count - 1 - i) * DAY).toISOString().slice(0, 10);
    if (i === outageDay) return { date, uptime: 0.98, partialOutageMs: 0, majorOutageMs: 28 * 60_000 };
    if (i < 3) return { date, uptime: null, partialOutageMs: 0, majorOutageMs: 0 };
    return { date, uptime: 1, partialOutageMs: 0, majorOutageMs: 0 };
  });
}

/**
 * A status page with one group of two components (one degraded), an ungrouped component,
 * an unresolved and a resolved incident, a scheduled and a completed maintenance. Its page
 * is in Los Angeles so times carry an offset; `overrides` replaces top-level parts.
 */
export function statusFixture(overrides: Partial<StatusPageSnapshot> = {}): StatusPageSnapshot {
  const t = (iso: string): number => Date.parse(iso);
  return {
    page: {
      id: 'page-1',
      name: 'Acme Cloud',
      url: 'https://status.example.com/status',
      timeZone: 'America/Los_Angeles',
      logoUrl: 'https://cdn.example.com/logo.png',
      brandColor: '#ffd400',
      updatedAt: t('2026-03-01T11:30:00.123Z'),
    },
    isPrivate: false,
    groups: [
      {
        id: 'grp-1',
        name: 'Core platform',
        description: 'What every customer uses',
        position: 1,
        componentIds: ['cmp-api', 'cmp-web'],
        createdAt: t('2025-01-10T09:00:00.000Z'),
        updatedAt: t('2026-03-01T11:00:00.000Z'),
      },
    ],
    components: [
      {
        id: 'cmp-api',
        name: 'API',
        description: 'Public REST API',
        status: 'degraded_performance',
        position: 1,
        groupId: 'grp-1',
        showUptime: true,
        uptime: uptimeDays(90, 80),
        createdAt: t('2025-01-10T09:00:00.000Z'),
        updatedAt: t('2026-03-01T11:00:00.000Z'),
      },
      {
        id: 'cmp-web',
        name: 'Dashboard',
        description: null,
        status: 'operational',
        position: 2,
        groupId: 'grp-1',
        showUptime: false,
        uptime: [],
        createdAt: t('2025-01-10T09:00:00.000Z'),
        updatedAt: t('2025-06-01T09:00:00.000Z'),
      },
      {
        id: 'cmp-mail',
        name: 'Email delivery',
        description: null,
        status: 'operational',
        position: 2,
        groupId: null,
        showUptime: true,
        uptime: uptimeDays(90, -1),
        createdAt: t('2025-02-01T09:00:00.000Z'),
        updatedAt: t('2025-02-01T09:00:00.000Z'),
      },
    ],
    incidents: [
      {
        id: 'inc-open',
        name: 'Slow API responses',
        status: 'identified',
        impact: 'minor',
        createdAt: t('2026-03-01T10:00:00.000Z'),
        updatedAt: t('2026-03-01T11:00:00.000Z'),
        startedAt: t('2026-03-01T09:55:00.000Z'),
        monitoringAt: null,
        resolvedAt: null,
        shortlink: 'https://status.example.com/status/incidents/inc-open',
        updates: [
          {
            id: 'upd-2',
            status: 'identified',
            body: 'A database replica is lagging.\nWe are moving traffic away from it.',
            createdAt: t('2026-03-01T11:00:00.000Z'),
            updatedAt: t('2026-03-01T11:05:00.000Z'),
            displayAt: t('2026-03-01T11:00:00.000Z'),
            affectedComponents: [
              {
                id: 'cmp-api',
                name: 'API',
                oldStatus: 'degraded_performance',
                newStatus: 'degraded_performance',
              },
            ],
          },
          {
            id: 'upd-1',
            status: 'investigating',
            body: 'We are looking into slow responses from the API.',
            createdAt: t('2026-03-01T10:00:00.000Z'),
            updatedAt: t('2026-03-01T10:00:00.000Z'),
            displayAt: t('2026-03-01T10:00:00.000Z'),
            affectedComponents: [
              { id: 'cmp-api', name: 'API', oldStatus: null, newStatus: 'degraded_performance' },
            ],
          },
        ],
        componentIds: ['cmp-api'],
      },
      {
        id: 'inc-old',
        name: 'Email delays',
        status: 'resolved',
        impact: 'major',
        createdAt: t('2026-02-10T08:00:00.000Z'),
        updatedAt: t('2026-02-10T09:00:00.000Z'),
        startedAt: t('2026-02-10T07:50:00.000Z'),
        monitoringAt: t('2026-02-10T08:30:00.000Z'),
        resolvedAt: t('2026-02-10T09:00:00.000Z'),
        shortlink: 'https://status.example.com/status/incidents/inc-old',
        updates: [
          {
            id: 'upd-3',
            status: 'resolved',
            body: 'This incident has been resolved.',
            createdAt: t('2026-02-10T09:00:00.000Z'),
            updatedAt: t('2026-02-10T09:00:00.000Z'),
            displayAt: t('2026-02-10T09:00:00.000Z'),
            affectedComponents: [],
          },
        ],
        componentIds: ['cmp-mail'],
      },
    ],
    maintenances: [
      {
        id: 'mnt-next',
        name: 'Database upgrade',
        status: 'scheduled',
        impact: 'none',
        scheduledFor: t('2026-03-05T06:00:00.000Z'),
        scheduledUntil: t('2026-03-05T07:00:00.000Z'),
        createdAt: t('2026-02-25T10:00:00.000Z'),
        updatedAt: t('2026-02-25T10:00:00.000Z'),
        startedAt: null,
        resolvedAt: null,
        shortlink: 'https://status.example.com/status/incidents/mnt-next',
        updates: [
          {
            id: 'upd-m1',
            status: 'scheduled',
            body: 'We will upgrade the primary database.',
            createdAt: t('2026-02-25T10:00:00.000Z'),
            updatedAt: t('2026-02-25T10:00:00.000Z'),
            displayAt: t('2026-02-25T10:00:00.000Z'),
            affectedComponents: [],
          },
        ],
        componentIds: ['cmp-api'],
      },
      {
        id: 'mnt-done',
        name: 'Mail relay swap',
        status: 'completed',
        impact: 'minor',
        scheduledFor: t('2026-02-01T06:00:00.000Z'),
        scheduledUntil: t('2026-02-01T07:00:00.000Z'),
        createdAt: t('2026-01-25T10:00:00.000Z'),
        updatedAt: t('2026-02-01T07:00:00.000Z'),
        startedAt: t('2026-02-01T06:00:00.000Z'),
        resolvedAt: t('2026-02-01T07:00:00.000Z'),
        shortlink: 'https://status.example.com/status/incidents/mnt-done',
        updates: [
          {
            id: 'upd-m3',
            status: 'completed',
            body: 'Done.',
            createdAt: t('2026-02-01T07:00:00.000Z'),
            updatedAt: t('2026-02-01T07:00:00.000Z'),
            displayAt: t('2026-02-01T07:00:00.000Z'),
            affectedComponents: [],
          },
          {
            id: 'upd-m2',
            status: 'verifying',
            body: 'Checking mail flows.',
            createdAt: t('2026-02-01T06:40:00.000Z'),
            updatedAt: t('2026-02-01T06:40:00.000Z'),
            displayAt: t('2026-02-01T06:40:00.000Z'),
            affectedComponents: [],
          },
        ],
        componentIds: ['cmp-mail'],
      },
    ],
    generatedAt: FIXTURE_NOW,
    ...overrides,
  };
}

/** Every user-provided text of the fixture replaced by a script payload. */
export const SCRIPT = `<script>alert("x")</script>&'`;

/** The fixture with a `<script>` payload in every name, description and body. */
export function hostileStatusFixture(): StatusPageSnapshot {
  const base = statusFixture();
  return {
    ...base,
    page: { ...base.page, name: SCRIPT, logoUrl: `https://cdn.example.com/"><script>x</script>` },
    groups: base.groups.map((g) => ({ ...g, id: `g${SCRIPT}`, name: SCRIPT, description: SCRIPT })),
    components: base.components.map((c) => ({ ...c, name: SCRIPT, description: SCRIPT })),
    incidents: base.incidents.map((i) => ({
      ...i,
      name: SCRIPT,
      updates: i.updates.map((u) => ({ ...u, body: SCRIPT })),
    })),
    maintenances: base.maintenances.map((m) => ({
      ...m,
      name: SCRIPT,
      updates: m.updates.map((u) => ({ ...u, body: SCRIPT })),
    })),
  };
}
