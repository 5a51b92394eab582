/**
 * A Grafana OnCall organisation in the public API v1's documented shapes: two teams; a New York
 * web schedule whose business-hours weekly rotation (weekdays, level 1) sits over a daily
 * after-hours rotation, with an override; a London calendar schedule of a daily rotation under a
 * weekend-daytime shift; a Berlin schedule of a fortnightly rotation under a day-time one that
 * ends; an iCal schedule and one with two people at once (which Beacon cannot take); escalation
 * chains with waits, a repeat and a step Beacon has no counterpart for; and integrations of
 * several types. Override times move with `now`.
 */
import type {
  GoEscalationChain,
  GoEscalationPolicy,
  GoIntegration,
  GoSchedule,
  GoShift,
  GoTeam,
  GoUser,
} from '../../../src/server/import/grafana-oncall/grafana-oncall-types.js';
import { wallAt } from './wall-clock.js';

export interface GoAccount {
  users: GoUser[];
  teams: GoTeam[];
  schedules: GoSchedule[];
  shifts: GoShift[];
  chains: GoEscalationChain[];
  policies: GoEscalationPolicy[];
  integrations: GoIntegration[];
}

const HOUR = 3_600_000;
/** The URL the fixture's Alertmanager posts to today. */
export const OLD_ALERTMANAGER_LINK =
  'https://oncall.example.grafana.net/integrations/v1/alertmanager/Kq3AbCdEfGh1/';

/** `at` as a local date-time in `zone`, as OnCall writes a shift's `start`. */
function localOf(at: number, zone: string): string {
  return new Date(wallAt(at, zone)).toISOString().slice(0, 19);
}

const shift = (
  fields: Partial<GoShift> & Pick<GoShift, 'id' | 'name' | 'type' | 'start' | 'duration'>,
): GoShift => ({
  team_id: null,
  schedule: null,
  time_zone: null,
  level: 0,
  ...fields,
});

function shiftsAt(now: number): GoShift[] {
  // A whole hour ten days on, for a day: it falls across an after-hours handoff.
  const overrideStart = Math.ceil((now + 10 * 24 * HOUR) / HOUR) * HOUR;
  return [
    shift({
      id: 'ONYBIZ',
      name: 'Business hours',
      type: 'rolling_users',
      schedule: 'SNY',
      level: 1,
      start: '2026-01-05T09:00:00',
      rotation_start: '2026-01-05T09:00:00',
      duration: 8 * 3600,
      frequency: 'weekly',
      interval: 1,
      week_start: 'MO',
      by_day: ['MO', 'TU', 'WE', 'TH', 'FR'],
      rolling_users: [['UANA'], ['UBEN'], ['UCY']],
      start_rotation_from_user_index: 0,
    }),
    shift({
      id: 'ONYAFTER',
      name: 'After hours',
      type: 'rolling_users',
      schedule: 'SNY',
      level: 0,
      start: '2026-01-05T17:00:00',
      duration: 16 * 3600,
      frequency: 'daily',
      interval: 1,
      rolling_users: [['UCY'], ['UDEE']],
      start_rotation_from_user_index: 0,
    }),
    shift({
      id: 'ONYSWAP',
      name: 'Eve covers',
      type: 'override',
      schedule: 'SNY',
      start: localOf(overrideStart, 'America/New_York'),
      duration: 24 * 3600,
      rolling_users: [['UEVE']],
    }),
    shift({
      id: 'ONYPAST',
      name: 'Dee covered',
      type: 'override',
      schedule: 'SNY',
      start: '2026-01-10T09:00:00',
      duration: 4 * 3600,
      rolling_users: [['UDEE']],
    }),
    shift({
      id: 'OLONDAY',
      name: 'London days',
      type: 'rolling_users',
      time_zone: 'Europe/London',
      start: '2026-01-05T08:00:00',
      duration: 24 * 3600,
      frequency: 'daily',
      interval: 1,
      rolling_users: [['UBEN'], ['UCY'], ['UDEE']],
      start_rotation_from_user_index: 2,
    }),
    shift({
      id: 'OLONWKND',
      name: 'Weekend daytime',
      type: 'recurrent_event',
      level: 1,
      start: '2026-01-10T10:00:00',
      duration: 4 * 3600,
      frequency: 'weekly',
      interval: 1,
      week_start: 'MO',
      by_day: ['SA', 'SU'],
      users: ['UEVE'],
    }),
    shift({
      id: 'OBERFORT',
      name: 'Fortnight',
      type: 'rolling_users',
      schedule: 'SBER',
      start: '2026-01-07T10:00:00',
      duration: 14 * 24 * 3600,
      frequency: 'weekly',
      interval: 2,
      week_start: 'MO',
      rolling_users: [['UDEE'], ['UEVE'], ['UANA']],
      start_rotation_from_user_index: 1,
    }),
    shift({
      id: 'OBERDAY',
      name: 'Day desk',
      type: 'rolling_users',
      schedule: 'SBER',
      level: 2,
      start: '2026-01-05T08:00:00',
      duration: 10 * 3600,
      frequency: 'daily',
      interval: 1,
      until: '2026-12-31T08:00:00',
      rolling_users: [['UBEN'], ['UCY']],
    }),
    shift({
      id: 'OPAIRS',
      name: 'Pairs',
      type: 'rolling_users',
      schedule: 'SPAIRS',
      start: '2026-01-05T09:00:00',
      duration: 7 * 24 * 3600,
      frequency: 'weekly',
      interval: 1,
      week_start: 'MO',
      rolling_users: [['UANA', 'UBEN'], ['UCY']],
    }),
  ];
}

const user = (id: string, role: string, teams: string[]): GoUser => {
  const name = id.slice(1).toLowerCase();
  return { id, email: `${name}@acme.test`, username: name, role, timezone: 'UTC', teams };
};

const policy = (
  id: string,
  chain: string,
  position: number,
  fields: Partial<GoEscalationPolicy> & Pick<GoEscalationPolicy, 'type'>,
): GoEscalationPolicy => ({ id, escalation_chain_id: chain, position, ...fields });

const integration = (
  id: string,
  name: string,
  type: string,
  team: string | null,
  chain: string,
): GoIntegration => ({
  id,
  name,
  description_short: null,
  team_id: team,
  link: `https://oncall.example.grafana.net/integrations/v1/${type}/${id}Key/`,
  inbound_email: type === 'inbound_email' ? `${id.toLowerCase()}@inbound.oncall.example` : null,
  type,
  default_route: { id: `R${id}`, escalation_chain_id: chain },
  maintenance_mode: null,
});

/** The fixture organisation as it stands at `now`. */
export function grafanaOnCallAccount(now: number): GoAccount {
  return {
    users: [
      user('UANA', 'admin', ['TPLAT']),
      user('UBEN', 'editor', ['TPLAT', 'TOPS']),
      user('UCY', 'editor', ['TPLAT']),
      user('UDEE', 'viewer', ['TOPS']),
      user('UEVE', 'admin', []),
    ],
    teams: [
      { id: 'TPLAT', name: 'Platform', email: null, avatar_url: 'https://example.test/a.png' },
      { id: 'TOPS', name: 'Ops', email: null, avatar_url: 'https://example.test/b.png' },
    ],
    schedules: [
      { id: 'SNY', name: 'Platform New York', type: 'web', team_id: 'TPLAT', time_zone: 'America/New_York' },
      {
        id: 'SLON',
        name: 'London',
        type: 'calendar',
        team_id: 'TOPS',
        time_zone: 'Europe/London',
        shifts: ['OLONDAY', 'OLONWKND'],
        ical_url_overrides: null,
      },
      { id: 'SBER', name: 'Berlin', type: 'web', team_id: null, time_zone: 'Europe/Berlin' },
      {
        id: 'SICAL',
        name: 'Legacy feed',
        type: 'ical',
        team_id: null,
        time_zone: 'UTC',
        ical_url_primary: 'https://calendar.example.test/oncall.ics',
        ical_url_overrides: null,
      },
      { id: 'SPAIRS', name: 'Pairs', type: 'web', team_id: null, time_zone: 'America/New_York' },
    ],
    shifts: shiftsAt(now),
    chains: [
      { id: 'EPLAT', name: 'Platform escalation', team_id: 'TPLAT' },
      { id: 'EOPS', name: 'Ops round robin', team_id: 'TOPS' },
      { id: 'EMAIL', name: 'Mail', team_id: null },
    ],
    policies: [
      policy('P1', 'EPLAT', 0, { type: 'notify_on_call_from_schedule', notify_on_call_from_schedule: 'SNY' }),
      policy('P2', 'EPLAT', 1, { type: 'wait', duration: 300 }),
      policy('P3', 'EPLAT', 2, { type: 'notify_persons', persons_to_notify: ['UANA'], important: false }),
      policy('P4', 'EPLAT', 3, { type: 'notify_persons', persons_to_notify: ['UEVE'], important: false }),
      policy('P5', 'EPLAT', 4, { type: 'wait', duration: 900 }),
      policy('P6', 'EPLAT', 5, { type: 'repeat_escalation' }),
      policy('P7', 'EOPS', 0, {
        type: 'notify_person_next_each_time',
        persons_to_notify_next_each_time: ['UBEN', 'UDEE'],
      }),
      policy('P8', 'EMAIL', 0, { type: 'wait', duration: 60 }),
      policy('P9', 'EMAIL', 1, {
        type: 'notify_on_call_from_schedule',
        notify_on_call_from_schedule: 'SBER',
        important: true,
      }),
    ],
    integrations: [
      { ...integration('IAM', 'Prometheus', 'alertmanager', 'TPLAT', 'EPLAT'), link: OLD_ALERTMANAGER_LINK },
      integration('IGA', 'Grafana alerts', 'grafana_alerting', 'TPLAT', 'EPLAT'),
      integration('IWH', 'Deploys', 'webhook', 'TOPS', 'EOPS'),
      integration('IZBX', 'Zabbix', 'zabbix', 'TOPS', 'EOPS'),
      integration('IMAIL', 'Support mail', 'inbound_email', null, 'EMAIL'),
    ],
  };
}
