/**
 * An Opsgenie account in the REST API v2's documented shapes: two teams, a New York schedule of
 * two rotations that share the week (business hours weekly, after hours daily, both with
 * weekday-and-time-of-day restrictions) with an override, a Berlin daily rotation restricted to
 * the day, a London follow-the-sun of 12-hour turns, a schedule whose rotations overlap (which
 * Beacon cannot take), a multi-step escalation with repeat, services, integrations and
 * maintenance. Times near `now` move with it.
 */
import type {
  OgEscalation,
  OgIntegration,
  OgMaintenance,
  OgOverride,
  OgSchedule,
  OgService,
  OgTeam,
  OgUser,
} from '../../../src/server/import/opsgenie/opsgenie-types.js';

export interface OgAccount {
  users: OgUser[];
  teams: OgTeam[];
  schedules: OgSchedule[];
  overrides: Record<string, OgOverride[]>;
  escalations: OgEscalation[];
  services: OgService[];
  integrations: OgIntegration[];
  maintenance: OgMaintenance[];
}

const HOUR = 3_600_000;
const person = (id: string) => ({ type: 'user', id, username: `${id.slice(2)}@acme.test` });
const weekdays = (pairs: Array<[string, number, string, number]>) =>
  pairs.map(([startDay, startHour, endDay, endHour]) => ({
    startDay,
    startHour,
    startMin: 0,
    endDay,
    endHour,
    endMin: 0,
  }));

/** The API integration key the fixture's Platform team sends with today. */
export const OLD_API_KEY = 'eb243592-faa2-4ba2-a551q-1afdf565c889';

/** The fixture account as it stands at `now`. */
export function opsgenieAccount(now: number): OgAccount {
  const iso = (at: number) => new Date(at).toISOString();
  // A whole hour, ten days on: the override falls across a handoff of the after-hours rotation.
  const overrideStart = Math.ceil((now + 10 * 24 * HOUR) / HOUR) * HOUR;
  return {
    users: [
      { id: 'u-ana', username: 'ana@acme.test', fullName: 'Ana Admin', role: { id: 'Admin', name: 'Admin' } },
      { id: 'u-ben', username: 'ben@acme.test', fullName: 'Ben Ops', role: { id: 'User', name: 'User' } },
      { id: 'u-cy', username: 'cy@acme.test', fullName: 'Cy User', role: { id: 'User', name: 'User' } },
      {
        id: 'u-dee',
        username: 'dee@acme.test',
        fullName: 'Dee Observer',
        role: { id: 'Observer', name: 'Observer' },
      },
      { id: 'u-eve', username: 'eve@acme.test', fullName: 'Eve Owner', role: { id: 'Owner', name: 'Owner' } },
    ],
    teams: [
      {
        id: 't-platform',
        name: 'Platform',
        description: 'Runs the platform',
        members: [
          { user: { id: 'u-ana', username: 'ana@acme.test' }, role: 'admin' },
          { user: { id: 'u-ben', username: 'ben@acme.test' }, role: 'user' },
          { user: { id: 'u-cy', username: 'cy@acme.test' }, role: 'user' },
        ],
      },
      {
        id: 't-ops',
        name: 'Ops',
        description: '',
        members: [
          { user: { id: 'u-dee', username: 'dee@acme.test' }, role: 'user' },
          { user: { id: 'u-eve', username: 'eve@acme.test' }, role: 'admin' },
        ],
      },
    ],
    schedules: [
      {
        id: 's-ny',
        name: 'Platform_schedule',
        description: 'Business hours and after hours',
        timezone: 'America/New_York',
        enabled: true,
        ownerTeam: { id: 't-platform', name: 'Platform' },
        rotations: [
          {
            id: 'r-business',
            name: 'Business hours',
            startDate: '2026-01-05T14:00:00Z',
            type: 'weekly',
            length: 1,
            participants: [person('u-ana'), person('u-ben'), person('u-cy')],
            timeRestriction: {
              type: 'weekday-and-time-of-day',
              restrictions: weekdays(
                ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => [day, 9, day, 17]),
              ),
            },
          },
          {
            id: 'r-after',
            name: 'After hours',
            startDate: '2026-01-05T22:00:00Z',
            type: 'daily',
            length: 1,
            participants: [person('u-cy'), person('u-ana'), person('u-eve')],
            timeRestriction: {
              type: 'weekday-and-time-of-day',
              restrictions: weekdays([
                ['monday', 17, 'tuesday', 9],
                ['tuesday', 17, 'wednesday', 9],
                ['wednesday', 17, 'thursday', 9],
                ['thursday', 17, 'friday', 9],
                ['friday', 17, 'monday', 9],
              ]),
            },
          },
        ],
      },
      {
        id: 's-berlin',
        name: 'EU days',
        timezone: 'Europe/Berlin',
        enabled: true,
        ownerTeam: { id: 't-ops', name: 'Ops' },
        rotations: [
          {
            id: 'r-eu',
            name: 'Days',
            startDate: '2026-01-02T07:00:00Z',
            type: 'daily',
            length: 2,
            participants: [person('u-ben'), person('u-dee')],
            timeRestriction: {
              type: 'time-of-day',
              restriction: { startHour: 8, startMin: 0, endHour: 20, endMin: 0 },
            },
          },
        ],
      },
      {
        id: 's-sun',
        name: 'Follow the sun',
        timezone: 'Europe/London',
        enabled: true,
        rotations: [
          {
            id: 'r-sun',
            name: 'Halves',
            startDate: '2026-01-01T08:00:00Z',
            type: 'hourly',
            length: 12,
            participants: [person('u-ben'), person('u-cy')],
          },
        ],
      },
      {
        id: 's-pairs',
        name: 'Pairs',
        timezone: 'UTC',
        enabled: true,
        rotations: [
          {
            id: 'r-p1',
            name: 'First',
            startDate: '2026-01-01T00:00:00Z',
            type: 'weekly',
            length: 1,
            participants: [person('u-eve')],
          },
          {
            id: 'r-p2',
            name: 'Second',
            startDate: '2026-01-01T00:00:00Z',
            type: 'weekly',
            length: 1,
            participants: [person('u-ben')],
          },
        ],
      },
    ],
    overrides: {
      's-ny': [
        {
          alias: 'swap-dee',
          user: person('u-dee'),
          startDate: iso(overrideStart),
          endDate: iso(overrideStart + 30 * HOUR),
        },
        {
          alias: 'past-dee',
          user: person('u-dee'),
          startDate: iso(now - 48 * HOUR),
          endDate: iso(now - 24 * HOUR),
        },
      ],
    },
    escalations: [
      {
        id: 'e-platform',
        name: 'Platform_escalation',
        description: 'Primary, then Ana and the sun, then the whole team',
        ownerTeam: { id: 't-platform', name: 'Platform' },
        rules: [
          {
            condition: 'if-not-acked',
            notifyType: 'default',
            delay: { timeAmount: 0, timeUnit: 'minutes' },
            recipient: { type: 'schedule', id: 's-ny', name: 'Platform_schedule' },
          },
          {
            condition: 'if-not-acked',
            notifyType: 'default',
            delay: { timeAmount: 15, timeUnit: 'minutes' },
            recipient: { type: 'user', id: 'u-ana', username: 'ana@acme.test' },
          },
          {
            condition: 'if-not-acked',
            notifyType: 'default',
            delay: { timeAmount: 15, timeUnit: 'minutes' },
            recipient: { type: 'schedule', id: 's-sun', name: 'Follow the sun' },
          },
          {
            condition: 'if-not-acked',
            notifyType: 'all',
            delay: { timeAmount: 40, timeUnit: 'minutes' },
            recipient: { type: 'team', id: 't-platform', name: 'Platform' },
          },
        ],
        repeat: { waitInterval: 10, count: 2, resetRecipientStates: false, closeAlertAfterAll: false },
      },
      {
        id: 'e-ops',
        name: 'Ops_escalation',
        ownerTeam: { id: 't-ops', name: 'Ops' },
        rules: [
          {
            condition: 'if-not-acked',
            notifyType: 'next',
            delay: { timeAmount: 0, timeUnit: 'minutes' },
            recipient: { type: 'schedule', id: 's-berlin', name: 'EU days' },
          },
        ],
      },
    ],
    services: [
      { id: 'svc-checkout', name: 'Checkout API', description: 'Takes the money', teamId: 't-platform' },
      { id: 'svc-billing', name: 'Billing', description: '', teamId: 't-platform' },
      { id: 'svc-batch', name: 'Batch jobs', description: '', teamId: 't-ops' },
    ],
    integrations: [
      {
        id: 'i-api',
        name: 'Checkout API',
        type: 'API',
        enabled: true,
        ownerTeam: { id: 't-platform', name: 'Platform' },
        apiKey: OLD_API_KEY,
      },
      {
        id: 'i-prom',
        name: 'Alertmanager',
        type: 'Prometheus',
        enabled: true,
        ownerTeam: { id: 't-platform', name: 'Platform' },
        apiKey: 'prom-0000-key',
      },
      {
        id: 'i-mail',
        name: 'Ops mail',
        type: 'Email',
        enabled: true,
        ownerTeam: { id: 't-ops', name: 'Ops' },
        emailAddress: 'ops@acme.app.opsgenie.com',
      },
      { id: 'i-jira', name: 'Jira', type: 'Jira', enabled: true, ownerTeam: { id: 't-ops', name: 'Ops' } },
      { id: 'i-beat', name: 'Heartbeats', type: 'API', enabled: true, apiKey: 'global-key' },
    ],
    maintenance: [
      {
        id: 'm-upgrade',
        status: 'planned',
        description: 'Database upgrade',
        time: { type: 'schedule', startDate: iso(now + 72 * HOUR), endDate: iso(now + 74 * HOUR) },
        rules: [
          { state: 'disabled', entity: { id: 'i-api', type: 'integration' } },
          { state: 'disabled', entity: { id: 'i-mail', type: 'integration' } },
          { state: 'disabled', entity: { id: 'p-auto-close', type: 'policy' } },
        ],
      },
      {
        id: 'm-past',
        status: 'past',
        description: 'Past upgrade',
        time: { type: 'schedule', startDate: iso(now - 72 * HOUR), endDate: iso(now - 70 * HOUR) },
        rules: [{ state: 'disabled', entity: { id: 'i-api', type: 'integration' } }],
      },
    ],
  };
}
