/**
 * A PagerDuty account in the REST API's documented shapes: a team, a New York schedule of three
 * layers (weekly days, nightly restricted, a two-week weekend rotation) with an override, a
 * London follow-the-sun of 12-hour turns, a schedule Beacon cannot take (90-minute turns),
 * policies, services with integrations, and maintenance windows. Times near `now` move with it.
 */
import type {
  PdEscalationPolicy,
  PdMaintenanceWindow,
  PdOverride,
  PdSchedule,
  PdService,
  PdTeam,
  PdTeamMember,
  PdUser,
} from '../../../src/server/import/pagerduty/pagerduty-types.js';

export interface PdAccount {
  users: PdUser[];
  teams: PdTeam[];
  members: Record<string, PdTeamMember[]>;
  schedules: PdSchedule[];
  overrides: Record<string, PdOverride[]>;
  escalationPolicies: PdEscalationPolicy[];
  services: PdService[];
  maintenanceWindows: PdMaintenanceWindow[];
}

const HOUR = 3_600_000;
const ref = (type: string, id: string) => ({ id, type, summary: id });
const user = (id: string) => ({ user: ref('user_reference', id) });

/** The events integration key the fixture's checkout service has today. */
export const OLD_EVENTS_KEY = 'R0UTINGKEY0CHECKOUT0000000000001';

/** The fixture account as it stands at `now`. */
export function pagerDutyAccount(now: number): PdAccount {
  const iso = (at: number) => new Date(at).toISOString();
  // A whole hour, ten days on: the override falls across a handoff of the weekly layer.
  const overrideStart = Math.ceil((now + 10 * 24 * HOUR) / HOUR) * HOUR;
  return {
    users: [
      {
        id: 'PANA001',
        name: 'Ana Admin',
        email: 'ana@acme.test',
        role: 'admin',
        time_zone: 'America/New_York',
      },
      { id: 'PBEN002', name: 'Ben Ops', email: 'ben@acme.test', role: 'user' },
      { id: 'PCY0003', name: 'Cy Limited', email: 'cy@acme.test', role: 'limited_user' },
      { id: 'PDEE004', name: 'Dee Observer', email: 'dee@acme.test', role: 'observer' },
      { id: 'PEVE005', name: 'Eve Owner', email: 'eve@acme.test', role: 'owner' },
    ],
    teams: [{ id: 'PTEAM01', name: 'Platform', description: 'Runs the platform' }],
    members: {
      PTEAM01: [
        { user: ref('user_reference', 'PANA001'), role: 'manager' },
        { user: ref('user_reference', 'PBEN002'), role: 'responder' },
        { user: ref('user_reference', 'PCY0003'), role: 'responder' },
      ],
    },
    schedules: [
      {
        id: 'PSCHNY1',
        name: 'Platform primary',
        description: 'Weekly days, nightly cover, weekend pairs',
        time_zone: 'America/New_York',
        // Listed highest first, as the API answers.
        schedule_layers: [
          {
            id: 'PL3',
            name: 'Weekends',
            start: '2026-01-03T00:00:00-05:00',
            end: null,
            rotation_virtual_start: '2026-01-03T00:00:00-05:00',
            rotation_turn_length_seconds: 14 * 86_400,
            users: [user('PEVE005'), user('PBEN002')],
            restrictions: [
              {
                type: 'weekly_restriction',
                start_day_of_week: 6,
                start_time_of_day: '00:00:00',
                duration_seconds: 2 * 86_400,
              },
            ],
          },
          {
            id: 'PL2',
            name: 'Nights',
            start: '2026-01-06T18:00:00-05:00',
            end: null,
            rotation_virtual_start: '2026-01-06T18:00:00-05:00',
            rotation_turn_length_seconds: 86_400,
            users: [user('PCY0003'), user('PANA001')],
            restrictions: [
              { type: 'daily_restriction', start_time_of_day: '18:00:00', duration_seconds: 14 * 3600 },
            ],
          },
          {
            id: 'PL1',
            name: 'Days',
            start: '2026-01-07T12:30:00-05:00',
            end: null,
            rotation_virtual_start: '2026-01-05T09:00:00-05:00',
            rotation_turn_length_seconds: 7 * 86_400,
            users: [user('PANA001'), user('PBEN002'), user('PCY0003')],
          },
          {
            id: 'PL0',
            name: 'Old days',
            start: '2025-06-02T09:00:00-04:00',
            end: '2026-01-07T12:30:00-05:00',
            rotation_virtual_start: '2025-06-02T09:00:00-04:00',
            rotation_turn_length_seconds: 7 * 86_400,
            users: [user('PBEN002')],
          },
        ],
      },
      {
        id: 'PSCHLN2',
        name: 'Follow the sun',
        description: '',
        time_zone: 'Europe/London',
        schedule_layers: [
          {
            id: 'PL4',
            name: 'Halves',
            start: '2026-01-01T08:00:00Z',
            end: null,
            rotation_virtual_start: '2026-01-01T08:00:00Z',
            rotation_turn_length_seconds: 12 * 3600,
            users: [user('PBEN002'), user('PCY0003')],
          },
        ],
      },
      {
        id: 'PSCHOD3',
        name: 'Odd shifts',
        description: '',
        time_zone: 'UTC',
        schedule_layers: [
          {
            id: 'PL5',
            name: 'Ninety minutes',
            start: '2026-01-01T00:00:00Z',
            end: null,
            rotation_virtual_start: '2026-01-01T00:00:00Z',
            rotation_turn_length_seconds: 5400,
            users: [user('PDEE004')],
          },
        ],
      },
    ],
    overrides: {
      PSCHNY1: [
        {
          id: 'POVR001',
          start: iso(overrideStart),
          end: iso(overrideStart + 30 * HOUR),
          user: ref('user_reference', 'PDEE004'),
        },
        {
          id: 'POVR000',
          start: iso(now - 48 * HOUR),
          end: iso(now - 24 * HOUR),
          user: ref('user_reference', 'PDEE004'),
        },
      ],
    },
    escalationPolicies: [
      {
        id: 'PEP0001',
        name: 'Platform',
        description: 'Primary, then Ana and the sun',
        num_loops: 2,
        escalation_rules: [
          { id: 'PR1', escalation_delay_in_minutes: 15, targets: [ref('schedule_reference', 'PSCHNY1')] },
          {
            id: 'PR2',
            escalation_delay_in_minutes: 30,
            targets: [ref('user_reference', 'PANA001'), ref('schedule_reference', 'PSCHLN2')],
          },
        ],
      },
      {
        id: 'PEP0002',
        name: 'Odd',
        escalation_rules: [
          { escalation_delay_in_minutes: 10, targets: [ref('schedule_reference', 'PSCHOD3')] },
        ],
      },
    ],
    services: [
      {
        id: 'PSVC001',
        name: 'Checkout API',
        description: 'Takes the money',
        escalation_policy: ref('escalation_policy_reference', 'PEP0001'),
        teams: [ref('team_reference', 'PTEAM01')],
        integrations: [
          {
            id: 'PINT001',
            type: 'events_api_v2_inbound_integration',
            name: 'Alertmanager',
            integration_key: OLD_EVENTS_KEY,
          },
          {
            id: 'PINT002',
            type: 'generic_email_inbound_integration',
            name: 'Mail',
            integration_email: 'checkout@acme.pagerduty.com',
          },
          { id: 'PINT003', type: 'nagios_inbound_integration', name: 'Nagios', integration_key: 'NAGIOSKEY' },
        ],
      },
      {
        id: 'PSVC002',
        name: 'Batch jobs',
        description: '',
        escalation_policy: ref('escalation_policy_reference', 'PEP0002'),
        teams: [],
        integrations: [
          {
            id: 'PINT004',
            type: 'generic_events_api_inbound_integration',
            name: 'Cron',
            integration_key: 'V1KEY',
          },
        ],
      },
    ],
    maintenanceWindows: [
      {
        id: 'PMW0001',
        start_time: iso(now + 72 * HOUR),
        end_time: iso(now + 74 * HOUR),
        description: 'Database upgrade',
        services: [ref('service_reference', 'PSVC001'), ref('service_reference', 'PSVC002')],
      },
      {
        id: 'PMW0000',
        start_time: iso(now - 72 * HOUR),
        end_time: iso(now - 70 * HOUR),
        description: 'Past upgrade',
        services: [ref('service_reference', 'PSVC001')],
      },
    ],
  };
}
