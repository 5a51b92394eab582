import type { Generated, Insertable, Selectable } from 'kysely';

/** Times are stored as integer milliseconds since the Unix epoch (UTC) on every dialect. */
type Millis = number;

export interface CountersTable {
  name: string;
  value: number;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  disabled_at: Millis | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface SessionsTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: Millis;
  expires_at: Millis;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: Millis;
  expires_at: Millis | null;
  last_used_at: Millis | null;
  revoked_at: Millis | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Millis;
  actor_id: number | null;
  action: string;
  target_type: string;
  target_id: string | null;
  data: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface TeamsTable {
  id: Generated<number>;
  name: string;
  description: string;
  created_at: Millis;
  updated_at: Millis;
}

export interface TeamMembersTable {
  team_id: number;
  user_id: number;
  role: string;
}

export interface ServicesTable {
  id: Generated<number>;
  name: string;
  description: string;
  tier: number | null;
  owner_team_id: number | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface ServiceDependenciesTable {
  service_id: number;
  depends_on_id: number;
}

export interface IncidentsTable {
  id: Generated<number>;
  number: number;
  title: string;
  summary: string;
  status: string;
  severity: string;
  impact: string;
  urgency: string;
  priority: string;
  category: string | null;
  commander_id: number | null;
  tags: string;
  resolution_summary: string | null;
  root_cause: string | null;
  merged_into_id: number | null;
  started_at: Millis;
  detected_at: Millis;
  acknowledged_at: Millis | null;
  mitigated_at: Millis | null;
  resolved_at: Millis | null;
  closed_at: Millis | null;
  created_at: Millis;
  updated_at: Millis;
  created_by: number | null;
  version: number;
}

export interface IncidentServicesTable {
  incident_id: number;
  service_id: number;
}

export interface TimelineEntriesTable {
  id: Generated<number>;
  incident_id: number;
  at: Millis;
  actor_type: string;
  actor_id: number | null;
  actor_name: string;
  kind: string;
  changes: string | null;
  body: string | null;
}

/** Every table Beacon stores, as Kysely sees them. */
export interface Database {
  counters: CountersTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  services: ServicesTable;
  service_dependencies: ServiceDependenciesTable;
  incidents: IncidentsTable;
  incident_services: IncidentServicesTable;
  timeline_entries: TimelineEntriesTable;
}

export type UserRow = Selectable<UsersTable>;
export type IncidentRow = Selectable<IncidentsTable>;
export type NewIncidentRow = Insertable<IncidentsTable>;
export type TimelineRow = Selectable<TimelineEntriesTable>;
export type ServiceRow = Selectable<ServicesTable>;
export type TeamRow = Selectable<TeamsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
