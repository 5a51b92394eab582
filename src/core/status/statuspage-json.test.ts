/**
 * The JSON is checked against Statuspage's public v2 API as real pages serve it: the recorded
 * responses of discordstatus.com/api/v2 (components.json, incidents.json, scheduled-
 * maintenances.json, summary.json, status.json) published in the discord-undoc project
 * (github.com/Dziurwa14/discord-undoc.github.io, src/status_api.md), and the documented field
 * list of https://metastatuspage.com/api/v2/. Key order, nesting, value sets and the time
 * format (ISO-8601 in the page's zone, milliseconds, offset) follow those recordings.
 */
import { describe, expect, it } from 'vitest';
import { statusFixture } from '../../../test/support/status/status-fixture.js';
import { pageStatus } from './page-indicator.js';
import { STATUSPAGE_ENDPOINTS, statuspageJson } from './statuspage-json.js';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|[+-]\d{2}:\d{2})$/;

// Recorded Statuspage shapes: the keys of each object, in the order Statuspage writes them.
const PAGE_KEYS = ['id', 'name', 'url', 'time_zone', 'updated_at'];
const COMPONENT_KEYS = [
  'id',
  'name',
  'status',
  'created_at',
  'updated_at',
  'position',
  'description',
  'showcase',
  'start_date',
  'group_id',
  'page_id',
  'group',
  'only_show_if_degraded',
];
const INCIDENT_KEYS = [
  'id',
  'name',
  'status',
  'created_at',
  'updated_at',
  'monitoring_at',
  'resolved_at',
  'impact',
  'shortlink',
  'started_at',
  'page_id',
  'incident_updates',
  'components',
];
const UPDATE_KEYS = [
  'id',
  'status',
  'body',
  'incident_id',
  'created_at',
  'updated_at',
  'display_at',
  'affected_components',
  'deliver_notifications',
  'custom_tweet',
  'tweet_id',
];

type Obj = Record<string, unknown>;
const objects = (value: unknown): Obj[] => value as Obj[];

describe('Statuspage v2 JSON', () => {
  const snapshot = statusFixture();

  it('writes page and status as Statuspage does, times in the page zone with offset', () => {
    const body = statuspageJson(snapshot, 'status.json');
    expect(Object.keys(body)).toEqual(['page', 'status']);
    expect(body.page).toEqual({
      id: 'page-1',
      name: 'Acme Cloud',
      url: 'https://status.example.com/status',
      time_zone: 'America/Los_Angeles',
      updated_at: '2026-03-01T03:30:00.123-08:00',
    });
    expect(Object.keys(body.page as Obj)).toEqual(PAGE_KEYS);
    // A degraded component and a minor unresolved incident: minor.
    expect(body.status).toEqual({ indicator: 'minor', description: 'Minor Service Outage' });
  });

  it('lists groups with their component ids, each followed by its components', () => {
    const components = objects(statuspageJson(snapshot, 'components.json').components);
    expect(components.map((c) => c.id)).toEqual(['grp-1', 'cmp-api', 'cmp-web', 'cmp-mail']);
    const [group, api, web] = components as [Obj, Obj, Obj];
    expect(Object.keys(api)).toEqual(COMPONENT_KEYS);
    expect(Object.keys(group)).toEqual([...COMPONENT_KEYS, 'components']);
    expect(group).toMatchObject({ group: true, group_id: null, components: ['cmp-api', 'cmp-web'] });
    // A group is as bad as its worst component.
    expect(group.status).toBe('degraded_performance');
    expect(api).toEqual({
      id: 'cmp-api',
      name: 'API',
      status: 'degraded_performance',
      created_at: '2025-01-10T01:00:00.000-08:00',
      updated_at: '2026-03-01T03:00:00.000-08:00',
      position: 1,
      description: 'Public REST API',
      showcase: true,
      start_date: '2025-01-10',
      group_id: 'grp-1',
      page_id: 'page-1',
      group: false,
      only_show_if_degraded: false,
    });
    expect(web).toMatchObject({ showcase: false, start_date: null, description: null });
    // Summer time in Los Angeles: the offset follows the instant.
    expect(web.updated_at).toBe('2025-06-01T02:00:00.000-07:00');
  });

  it('writes incidents with their updates, affected components and components', () => {
    const incidents = objects(statuspageJson(snapshot, 'incidents.json').incidents);
    expect(incidents.map((i) => i.id)).toEqual(['inc-open', 'inc-old']);
    const [open, old] = incidents as [Obj, Obj];
    expect(Object.keys(open)).toEqual(INCIDENT_KEYS);
    expect(open).toMatchObject({
      name: 'Slow API responses',
      status: 'identified',
      impact: 'minor',
      monitoring_at: null,
      resolved_at: null,
      started_at: '2026-03-01T01:55:00.000-08:00',
      shortlink: 'https://status.example.com/status/incidents/inc-open',
      page_id: 'page-1',
    });
    expect(objects(open.components).map((c) => c.id)).toEqual(['cmp-api']);
    const [latest, first] = objects(open.incident_updates) as [Obj, Obj];
    expect(Object.keys(latest)).toEqual(UPDATE_KEYS);
    expect(latest).toEqual({
      id: 'upd-2',
      status: 'identified',
      body: 'A database replica is lagging.\nWe are moving traffic away from it.',
      incident_id: 'inc-open',
      created_at: '2026-03-01T03:00:00.000-08:00',
      updated_at: '2026-03-01T03:05:00.000-08:00',
      display_at: '2026-03-01T03:00:00.000-08:00',
      affected_components: [
        {
          code: 'cmp-api',
          name: 'API',
          old_status: 'degraded_performance',
          new_status: 'degraded_performance',
        },
      ],
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    });
    // No previous status: Statuspage writes the new one as the old.
    expect(first.affected_components).toEqual([
      {
        code: 'cmp-api',
        name: 'API',
        old_status: 'degraded_performance',
        new_status: 'degraded_performance',
      },
    ]);
    expect(old).toMatchObject({
      status: 'resolved',
      monitoring_at: '2026-02-10T00:30:00.000-08:00',
      resolved_at: '2026-02-10T01:00:00.000-08:00',
    });
    // An update without components: null, as Statuspage writes it.
    expect(objects(old.incident_updates)[0]?.affected_components).toBeNull();
    expect(objects(statuspageJson(snapshot, 'incidents/unresolved.json').incidents).map((i) => i.id)).toEqual(
      ['inc-open'],
    );
  });

  it('writes scheduled maintenances, upcoming and active by status', () => {
    const all = objects(statuspageJson(snapshot, 'scheduled-maintenances.json').scheduled_maintenances);
    expect(all.map((m) => m.id)).toEqual(['mnt-next', 'mnt-done']);
    const [next, done] = all as [Obj, Obj];
    expect(Object.keys(next)).toEqual([...INCIDENT_KEYS, 'scheduled_for', 'scheduled_until']);
    expect(next).toMatchObject({
      status: 'scheduled',
      impact: 'none',
      scheduled_for: '2026-03-04T22:00:00.000-08:00',
      scheduled_until: '2026-03-04T23:00:00.000-08:00',
      // Not started: Statuspage shows the scheduled start.
      started_at: '2026-03-04T22:00:00.000-08:00',
      resolved_at: null,
    });
    // monitoring_at: when it moved to verifying.
    expect(done).toMatchObject({ status: 'completed', monitoring_at: '2026-01-31T22:40:00.000-08:00' });
    const upcoming = objects(
      statuspageJson(snapshot, 'scheduled-maintenances/upcoming.json').scheduled_maintenances,
    );
    expect(upcoming.map((m) => m.id)).toEqual(['mnt-next']);
    expect(statuspageJson(snapshot, 'scheduled-maintenances/active.json').scheduled_maintenances).toEqual([]);
    const active = statusFixture({
      maintenances: snapshot.maintenances.map((m) =>
        m.id === 'mnt-next' ? { ...m, status: 'in_progress' as const } : m,
      ),
    });
    const activeList = objects(
      statuspageJson(active, 'scheduled-maintenances/active.json').scheduled_maintenances,
    );
    expect(activeList.map((m) => m.id)).toEqual(['mnt-next']);
  });

  it('summarises: every component, unresolved incidents, upcoming and active maintenance, status', () => {
    const summary = statuspageJson(snapshot, 'summary.json');
    expect(Object.keys(summary)).toEqual([
      'page',
      'components',
      'incidents',
      'scheduled_maintenances',
      'status',
    ]);
    expect(objects(summary.components)).toHaveLength(4);
    expect(objects(summary.incidents).map((i) => i.id)).toEqual(['inc-open']);
    expect(objects(summary.scheduled_maintenances).map((m) => m.id)).toEqual(['mnt-next']);
  });

  it('writes every time of every endpoint as ISO-8601 with milliseconds and an offset', () => {
    const times: string[] = [];
    const walk = (value: unknown, key = ''): void => {
      if (Array.isArray(value)) value.forEach((v) => walk(v));
      else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => walk(v, k));
      else if (/_at$|^scheduled_(for|until)$/.test(key) && typeof value === 'string') times.push(value);
    };
    for (const endpoint of STATUSPAGE_ENDPOINTS) walk(statuspageJson(snapshot, endpoint));
    expect(times.length).toBeGreaterThan(50);
    for (const time of times) expect(time).toMatch(ISO_WITH_OFFSET);
    const utc = statusFixture({ page: { ...snapshot.page, timeZone: 'Etc/UTC' } });
    expect((statuspageJson(utc, 'status.json').page as Obj).updated_at).toBe('2026-03-01T11:30:00.123Z');
  });
});

describe('pageStatus', () => {
  const base = statusFixture();
  const calm = statusFixture({
    components: base.components.map((c) => ({ ...c, status: 'operational' as const })),
    incidents: base.incidents.filter((i) => i.status === 'resolved'),
    maintenances: [],
  });

  it.each([
    ['operational, nothing open', calm, 'none', 'All Systems Operational'],
    [
      'a partial outage',
      {
        ...calm,
        components: calm.components.map((c, i) =>
          i === 0 ? { ...c, status: 'partial_outage' as const } : c,
        ),
      },
      'major',
      'Partial System Outage',
    ],
    [
      'a major outage',
      {
        ...calm,
        components: calm.components.map((c, i) => (i === 0 ? { ...c, status: 'major_outage' as const } : c)),
      },
      'critical',
      'Major System Outage',
    ],
    [
      'a critical unresolved incident, components operational',
      {
        ...calm,
        incidents: base.incidents.map((i) => ({
          ...i,
          status: 'monitoring' as const,
          impact: 'critical' as const,
        })),
      },
      'critical',
      'Major System Outage',
    ],
    [
      'a resolved critical incident',
      {
        ...calm,
        incidents: base.incidents.map((i) => ({
          ...i,
          status: 'resolved' as const,
          impact: 'critical' as const,
        })),
      },
      'none',
      'All Systems Operational',
    ],
    [
      'a component under maintenance',
      {
        ...calm,
        components: calm.components.map((c, i) =>
          i === 0 ? { ...c, status: 'under_maintenance' as const } : c,
        ),
      },
      'maintenance',
      'Service Under Maintenance',
    ],
    [
      'maintenance in progress beside a degraded component (the outage wins)',
      {
        ...base,
        incidents: [],
        maintenances: base.maintenances.map((m) => ({ ...m, status: 'in_progress' as const })),
      },
      'minor',
      'Minor Service Outage',
    ],
  ])('%s → %s', (_name, snapshot, indicator, description) => {
    expect(pageStatus(snapshot)).toEqual({ indicator, description });
  });
});
