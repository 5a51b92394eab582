/**
 * The parts of Grafana OnCall's public REST API v1 objects an import reads (its public API
 * serializers, `engine/apps/public_api/serializers/`; docs "OnCall API reference").
 */

/** One page of a list: `next` is the URL of the following page, or null. */
export interface GoPage<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
  page_size?: number;
  current_page_number?: number;
  total_pages?: number;
}

export interface GoUser {
  id: string;
  email: string;
  username: string;
  /** `admin`, `editor` or `viewer`. */
  role: string;
  timezone?: string | null;
  /** The ids of the user's teams. */
  teams?: string[];
}

export interface GoTeam {
  id: string;
  name: string;
  email?: string | null;
  avatar_url?: string;
}

/** `ical` schedules read their shifts from iCal feeds; `web` and `calendar` ones from on-call shifts. */
export interface GoSchedule {
  id: string;
  name: string;
  type: 'web' | 'calendar' | 'ical';
  team_id: string | null;
  time_zone?: string | null;
  ical_url_primary?: string | null;
  ical_url_overrides?: string | null;
  /** The ids of the schedule's on-call shifts (calendar and web schedules). */
  shifts?: string[];
  on_call_now?: string[];
}

/** iCal weekday codes, as `by_day` and `week_start` write them. */
export type GoWeekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';

/**
 * An on-call shift. `start` (and `until`, `rotation_start`) are local date-times without an
 * offset, in `time_zone` or, when null, the schedule's time zone; `duration` is in seconds.
 */
export interface GoShift {
  id: string;
  name: string;
  type: 'single_event' | 'recurrent_event' | 'rolling_users' | 'override';
  team_id: string | null;
  schedule?: string | null;
  time_zone: string | null;
  level?: number;
  start: string;
  rotation_start?: string;
  duration: number;
  frequency?: 'hourly' | 'daily' | 'weekly' | 'monthly' | null;
  interval?: number | null;
  until?: string | null;
  week_start?: GoWeekday;
  by_day?: GoWeekday[] | null;
  by_month?: number[] | null;
  by_monthday?: number[] | null;
  users?: string[];
  rolling_users?: string[][] | null;
  start_rotation_from_user_index?: number | null;
}

/** One entry of `GET /api/v1/schedules/{id}/final_shifts`. */
export interface GoFinalShift {
  user_pk: string;
  user_email: string;
  user_username: string;
  shift_start: string;
  shift_end: string;
}

export interface GoEscalationChain {
  id: string;
  name: string;
  team_id: string | null;
}

export interface GoEscalationPolicy {
  id: string;
  escalation_chain_id: string;
  position: number;
  type: string;
  /** Seconds, for `wait`. */
  duration?: number | null;
  important?: boolean;
  persons_to_notify?: string[];
  persons_to_notify_next_each_time?: string[];
  notify_on_call_from_schedule?: string | null;
  group_to_notify?: string | null;
  team_to_notify?: string | null;
  action_to_trigger?: string | null;
}

export interface GoRoute {
  id: string;
  escalation_chain_id: string | null;
}

export interface GoIntegration {
  id: string;
  name: string;
  description_short?: string | null;
  team_id: string | null;
  /** The URL senders post alerts to today (the key is part of it). */
  link: string | null;
  inbound_email?: string | null;
  type: string;
  default_route?: GoRoute | null;
  maintenance_mode?: string | null;
}
