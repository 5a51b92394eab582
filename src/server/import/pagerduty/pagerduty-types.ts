/** The parts of PagerDuty's REST API v2 objects an import reads (PagerDuty/api-schema, `reference/REST`). */

export interface PdReference {
  id: string;
  type: string;
  summary?: string;
}

export interface PdUser {
  id: string;
  name: string;
  email: string;
  role: string;
  time_zone?: string;
}

export interface PdTeam {
  id: string;
  name: string;
  description?: string | null;
}

export interface PdTeamMember {
  user: PdReference;
  role: string;
}

export interface PdRestriction {
  type: 'daily_restriction' | 'weekly_restriction';
  duration_seconds: number;
  start_time_of_day: string;
  start_day_of_week?: number;
}

export interface PdScheduleLayer {
  id?: string;
  name?: string;
  start: string;
  end?: string | null;
  rotation_virtual_start: string;
  rotation_turn_length_seconds: number;
  users: { user: PdReference }[];
  restrictions?: PdRestriction[];
}

export interface PdScheduleEntry {
  user?: PdReference;
  start: string;
  end: string;
}

export interface PdSchedule {
  id: string;
  name: string;
  description?: string | null;
  time_zone: string;
  schedule_layers?: PdScheduleLayer[];
  final_schedule?: { name: string; rendered_schedule_entries?: PdScheduleEntry[] };
}

export interface PdOverride {
  id: string;
  start: string;
  end: string;
  user: PdReference;
}

export interface PdEscalationRule {
  id?: string;
  escalation_delay_in_minutes: number;
  targets: PdReference[];
  escalation_rule_assignment_strategy?: string | { type: string };
}

export interface PdEscalationPolicy {
  id: string;
  name: string;
  description?: string | null;
  num_loops?: number;
  escalation_rules: PdEscalationRule[];
}

export interface PdIntegration {
  id: string;
  type: string;
  name?: string;
  summary?: string;
  /** Sent by the API for events integrations, though the schema does not list it. */
  integration_key?: string;
  integration_email?: string;
}

export interface PdService {
  id: string;
  name: string;
  description?: string | null;
  escalation_policy?: PdReference | null;
  teams?: PdReference[];
  integrations?: PdIntegration[];
}

export interface PdMaintenanceWindow {
  id: string;
  start_time: string;
  end_time: string;
  description?: string | null;
  services: PdReference[];
}
