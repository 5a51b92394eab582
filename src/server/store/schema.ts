import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

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
  /** Base32 TOTP secret (migration 009); confirmed once totp_enabled_at is set. */
  totp_secret: ColumnType<string | null, string | null | undefined, string | null>;
  totp_enabled_at: ColumnType<Millis | null, Millis | null | undefined, Millis | null>;
  /** The last TOTP time step accepted, so no code is used twice. */
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
  /** Set while an invited user has not yet chosen a password (migration 015). */
  invited_at: ColumnType<Millis | null, Millis | null | undefined, Millis | null>;
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

/** A one-time link to set a password: an invitation or a reset (migration 015). */
export interface AccountLinksTable {
  id: Generated<number>;
  user_id: number;
  purpose: 'invite' | 'reset';
  /** SHA-256 of the link's secret. */
  token_hash: string;
  /** What the secret is derived from, with the signing key, when the mail is sent. */
  salt: string;
  created_by: number | null;
  created_at: Millis;
  expires_at: Millis;
  used_at: Millis | null;
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
  /** JSON of AlertRules; null means the defaults. */
  alert_rules: string | null;
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
  /** Service and group whose alerts opened this incident (alert grouping). */
  alert_service_id: number | null;
  alert_group_key: string | null;
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

export interface IntegrationsTable {
  id: Generated<number>;
  service_id: number;
  type: string;
  name: string;
  /** SHA-256 of the key; the key itself is shown once and never stored (migration 008). */
  key_hash: string;
  /** The key's first characters, to recognise it by. */
  key_prefix: string;
  disabled_at: Millis | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface AlertsTable {
  id: Generated<number>;
  service_id: number;
  integration_id: number | null;
  dedup_key: string;
  status: string;
  summary: string;
  severity: string;
  source: string | null;
  labels: string;
  details: string;
  links: string;
  generator_url: string | null;
  payload: string;
  starts_at: Millis;
  ends_at: Millis | null;
  acknowledged_at: Millis | null;
  resolved_at: Millis | null;
  incident_id: number | null;
  group_key: string;
  is_suppressed: number;
  is_flapping: number;
  /** JSON: the triage rule that suppressed the alert (migration 022); null when none did. */
  suppressed_by_rule: string | null;
  state_changes: string;
  event_count: number;
  last_event_at: Millis;
  created_at: Millis;
  updated_at: Millis;
}

export interface AlertEventsTable {
  id: Generated<number>;
  alert_id: number;
  at: Millis;
  kind: string;
  message: string | null;
  payload: string | null;
}

export interface MaintenanceWindowsTable {
  id: Generated<number>;
  service_id: number;
  starts_at: Millis;
  ends_at: Millis;
  reason: string;
  created_by: number | null;
  created_at: Millis;
  /** When alerts still firing at the end were released into incidents. */
  released_at: Millis | null;
}

export interface ChangeEventsTable {
  id: Generated<number>;
  service_id: number;
  integration_id: number | null;
  at: Millis;
  summary: string;
  source: string | null;
  details: string;
  links: string;
  created_at: Millis;
}

export interface ChecksTable {
  id: Generated<number>;
  service_id: number;
  name: string;
  type: string;
  config: string;
  interval_seconds: number;
  timeout_ms: number;
  retries: number;
  heartbeat_token: string | null;
  status: string;
  consecutive_failures: number;
  last_checked_at: Millis | null;
  last_ping_at: Millis | null;
  last_message: string | null;
  next_run_at: Millis;
  lease_owner: string | null;
  lease_expires_at: Millis | null;
  paused_at: Millis | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface CheckResultsTable {
  id: Generated<number>;
  check_id: number;
  at: Millis;
  is_up: number;
  latency_ms: number | null;
  message: string | null;
}

/** Every table Beacon stores, as Kysely sees them. */
export interface Database {
  counters: CountersTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  account_links: AccountLinksTable;
  settings: SettingsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  services: ServicesTable;
  service_dependencies: ServiceDependenciesTable;
  incidents: IncidentsTable;
  incident_services: IncidentServicesTable;
  timeline_entries: TimelineEntriesTable;
  integrations: IntegrationsTable;
  alerts: AlertsTable;
  alert_events: AlertEventsTable;
  maintenance_windows: MaintenanceWindowsTable;
  change_events: ChangeEventsTable;
  checks: ChecksTable;
  check_results: CheckResultsTable;
}

export type UserRow = Selectable<UsersTable>;
export type IncidentRow = Selectable<IncidentsTable>;
export type NewIncidentRow = Insertable<IncidentsTable>;
export type TimelineRow = Selectable<TimelineEntriesTable>;
export type ServiceRow = Selectable<ServicesTable>;
export type TeamRow = Selectable<TeamsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type IntegrationRow = Selectable<IntegrationsTable>;
export type AlertRow = Selectable<AlertsTable>;
export type NewAlertRow = Insertable<AlertsTable>;
export type CheckRow = Selectable<ChecksTable>;
export type MaintenanceWindowRow = Selectable<MaintenanceWindowsTable>;

// On-call, escalation and notifications (migration 003).

/** Services point at the escalation policy that pages for their incidents. */
export interface ServicesTable {
  escalation_policy_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface SchedulesTable {
  id: Generated<number>;
  name: string;
  description: string;
  time_zone: string;
  /** JSON of the core `Layer[]`. */
  layers: string;
  /** Secret of the schedule's iCalendar feed URL. */
  ical_token: string;
  created_at: Millis;
  updated_at: Millis;
}

export interface ScheduleOverridesTable {
  id: Generated<number>;
  schedule_id: number;
  user_id: number;
  starts_at: Millis;
  ends_at: Millis;
  created_by: number | null;
  created_at: Millis;
}

export interface UserCalendarTokensTable {
  user_id: number;
  token: string;
  created_at: Millis;
}

export interface EscalationPoliciesTable {
  id: Generated<number>;
  name: string;
  description: string;
  /** How many more times the steps run after the first pass. */
  repeat_count: number;
  created_at: Millis;
  updated_at: Millis;
}

export interface EscalationStepsTable {
  id: Generated<number>;
  policy_id: number;
  position: number;
  delay_minutes: number;
  /** JSON of `[{type: 'user'|'schedule'|'team', id}]`. */
  targets: string;
}

export interface EscalationRunsTable {
  id: Generated<number>;
  incident_id: number;
  policy_id: number;
  /** The step that fires at `due_at`. */
  step_index: number;
  repeat_index: number;
  due_at: Millis;
  ended_at: Millis | null;
  end_reason: string | null;
  created_at: Millis;
}

export interface ContactMethodsTable {
  id: Generated<number>;
  user_id: number;
  type: string;
  name: string;
  address: string;
  /** Webhook signing secret; null means the server secret. */
  secret: string | null;
  created_at: Millis;
}

export interface NotificationRulesTable {
  id: Generated<number>;
  user_id: number;
  contact_method_id: number;
  delay_minutes: number;
}

export interface OutboxTable {
  id: Generated<number>;
  user_id: number | null;
  contact_method_id: number | null;
  channel: string;
  address: string;
  kind: string;
  incident_id: number | null;
  /** JSON: the incidents this message tells about (several when bundled). */
  payload: string;
  dedupe_key: string;
  status: string;
  attempts: number;
  next_attempt_at: Millis;
  last_error: string | null;
  lease_until: Millis | null;
  created_at: Millis;
  sent_at: Millis | null;
  /** When an admin dismissed the banner of this dead letter (migration 012). */
  dismissed_at: Millis | null;
}

export interface UsedActionTokensTable {
  id: string;
  used_at: Millis;
  expires_at: Millis;
}

export interface ServerSecretsTable {
  name: string;
  value: string;
}

export interface Database {
  schedules: SchedulesTable;
  schedule_overrides: ScheduleOverridesTable;
  user_calendar_tokens: UserCalendarTokensTable;
  escalation_policies: EscalationPoliciesTable;
  escalation_steps: EscalationStepsTable;
  escalation_runs: EscalationRunsTable;
  contact_methods: ContactMethodsTable;
  notification_rules: NotificationRulesTable;
  outbox: OutboxTable;
  used_action_tokens: UsedActionTokensTable;
  server_secrets: ServerSecretsTable;
}

export type ScheduleRow = Selectable<SchedulesTable>;
export type ScheduleOverrideRow = Selectable<ScheduleOverridesTable>;
export type EscalationPolicyRow = Selectable<EscalationPoliciesTable>;
export type EscalationStepRow = Selectable<EscalationStepsTable>;
export type EscalationRunRow = Selectable<EscalationRunsTable>;
export type ContactMethodRow = Selectable<ContactMethodsTable>;
export type NotificationRuleRow = Selectable<NotificationRulesTable>;
export type OutboxRow = Selectable<OutboxTable>;

// Response plans, incident tasks and incident roles (migration 004).

export interface ResponsePlansTable {
  id: Generated<number>;
  name: string;
  description: string;
  /** JSON of the core `PlanTask[]`. */
  tasks: string;
  /** JSON of the core `PlanMatch`. */
  match_rules: string;
  created_at: Millis;
  updated_at: Millis;
}

export interface IncidentPlansTable {
  incident_id: number;
  plan_id: number;
  attached_at: Millis;
}

export interface IncidentTasksTable {
  id: Generated<number>;
  incident_id: number;
  plan_id: number | null;
  title: string;
  owner_id: number | null;
  role: string | null;
  due_at: Millis | null;
  done_at: Millis | null;
  done_by: number | null;
  position: number;
  created_at: Millis;
  created_by: number | null;
}

export interface IncidentRolesTable {
  incident_id: number;
  role: string;
  user_id: number;
  assigned_at: Millis;
}

export interface Database {
  response_plans: ResponsePlansTable;
  incident_plans: IncidentPlansTable;
  incident_tasks: IncidentTasksTable;
  incident_roles: IncidentRolesTable;
}

export type ResponsePlanRow = Selectable<ResponsePlansTable>;
export type IncidentTaskRow = Selectable<IncidentTasksTable>;

// Outbound webhook subscriptions and their delivery log (migration 006).

export interface WebhookSubscriptionsTable {
  id: Generated<number>;
  url: string;
  description: string;
  /** JSON array of event types; null means every event type. */
  event_types: string | null;
  /** JSON array of service ids; null means every service. */
  service_ids: string | null;
  enabled: number;
  secret: string;
  created_by: number | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  subscription_id: number;
  /** UUID sent as `X-Beacon-Delivery`. */
  delivery_id: string;
  /** UUID of the event, shared by its deliveries to every subscription. */
  event_id: string;
  event_type: string;
  incident_id: number | null;
  /** JSON of the event body, fixed when the change committed. */
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: Millis;
  lease_until: Millis | null;
  last_http_status: number | null;
  last_error: string | null;
  created_at: Millis;
  delivered_at: Millis | null;
}

export interface WebhookAttemptsTable {
  id: Generated<number>;
  delivery_id: number;
  attempt: number;
  at: Millis;
  duration_ms: number;
  http_status: number | null;
  error: string | null;
  response_body: string | null;
}

export interface Database {
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
}

export type WebhookSubscriptionRow = Selectable<WebhookSubscriptionsTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
export type WebhookAttemptRow = Selectable<WebhookAttemptsTable>;

// Incident stakeholders, status and stakeholder updates, update reminders (migration 007).

export interface IncidentStakeholdersTable {
  id: Generated<number>;
  incident_id: number;
  type: string;
  /** `user:<id>`, `team:<id>` or `email:<address>`; unique per incident. */
  target_key: string;
  user_id: number | null;
  team_id: number | null;
  email: string | null;
  /** `added` by a responder or `subscribed` by the person themselves. */
  source: string;
  added_by: number | null;
  created_at: Millis;
}

export interface IncidentUpdatesTable {
  id: Generated<number>;
  incident_id: number;
  /** `status` (timeline only) or `stakeholder` (also emailed). */
  kind: string;
  message: string;
  status: string;
  severity: string;
  impact: string;
  priority: string;
  /** JSON of the core `UpdateRecipient[]` (empty for status updates). */
  recipients: string;
  author_id: number | null;
  posted_at: Millis;
}

export interface UpdateRemindersTable {
  incident_id: number;
  /** Start of the current quiet period: eligible, last update or last reminder (a lower bound). */
  anchor_at: Millis;
  reminders_sent: number;
  last_reminded_at: Millis | null;
}

export interface Database {
  incident_stakeholders: IncidentStakeholdersTable;
  incident_updates: IncidentUpdatesTable;
  update_reminders: UpdateRemindersTable;
}

export type IncidentStakeholderRow = Selectable<IncidentStakeholdersTable>;
export type IncidentUpdateRow = Selectable<IncidentUpdatesTable>;
export type UpdateReminderRow = Selectable<UpdateRemindersTable>;

// Sign-in security (migration 009).

export interface SignInThrottlesTable {
  key: string;
  failures: number;
  last_failure_at: Millis;
  blocked_until: Millis;
}

export interface RecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: Millis | null;
}

export interface SignInChallengesTable {
  token_hash: string;
  user_id: number;
  purpose: 'code' | 'enrol';
  address: string;
  attempts: number;
  expires_at: Millis;
}

export interface OidcLoginsTable {
  state: string;
  nonce: string;
  code_verifier: string;
  next_path: string;
  expires_at: Millis;
}

export interface Database {
  sign_in_throttles: SignInThrottlesTable;
  recovery_codes: RecoveryCodesTable;
  sign_in_challenges: SignInChallengesTable;
  oidc_logins: OidcLoginsTable;
}

// Delivery failures (migration 012).

/** Each incident an outbox message tells about (a bundle tells about several). */
export interface OutboxIncidentsTable {
  outbox_id: number;
  incident_id: number;
}

export interface Database {
  outbox_incidents: OutboxIncidentsTable;
}

// Paging record (migration 011): who was paged, and why a message was cancelled.

/** One person paged about one incident. */
export interface IncidentPagesTable {
  id: Generated<number>;
  incident_id: number;
  user_id: number;
  /** The outbox message carrying the page (null once that message is gone). */
  outbox_id: number | null;
  reason: string;
  paged_at: Millis;
}

// Declaration merging adds the column to the outbox table declared above.
export interface OutboxTable {
  /** Why the message was cancelled instead of sent (an `OUTBOX_CANCEL_REASONS` value). */
  cancel_reason: string | null;
}

export interface Database {
  incident_pages: IncidentPagesTable;
}

// The getting-started checklist (migration 016).

export interface GettingStartedDismissalsTable {
  user_id: number;
  dismissed_at: Millis;
}

export interface Database {
  getting_started_dismissals: GettingStartedDismissalsTable;
}

// Status page (migration 017).

/** The status page's settings: one row (id 1). */
export interface StatusPageSettingsTable {
  id: number;
  name: string;
  logo_url: string | null;
  brand_color: string;
  time_zone: string;
  is_private: number;
  reporter_notify: string;
  /** Bumped by every change to what the public page shows, so a cached snapshot knows it is stale. */
  version: number;
  /** When the version last moved (0 before the first change). */
  updated_at: Millis;
}

export interface StatusPageGroupsTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  position: number;
  created_at: Millis;
  updated_at: Millis;
}

export interface StatusPageComponentsTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  group_id: number | null;
  position: number;
  /** `manual` or `derived`. */
  status_mode: string;
  manual_status: string | null;
  show_uptime: number;
  created_at: Millis;
  updated_at: Millis;
}

export interface StatusPageComponentServicesTable {
  component_id: number;
  service_id: number;
}

/** An incident's public face, from its first public update on. */
export interface IncidentPublicationsTable {
  incident_id: number;
  public_title: string;
  public_impact: string;
  /** The status of its latest public update. */
  status: string;
  /** When its latest update resolved it publicly; null while it is not resolved. */
  resolved_at: Millis | null;
  published_at: Millis;
  updated_at: Millis;
}

export interface IncidentPublicUpdatesTable {
  id: Generated<number>;
  incident_id: number;
  /** The public status: investigating, identified, monitoring or resolved. */
  status: string;
  /** The customer-facing message (never the internal text). */
  message: string;
  author_id: number | null;
  posted_at: Millis;
  /** When the update was last corrected. */
  edited_at: Millis | null;
}

export interface PublicUpdateComponentsTable {
  update_id: number;
  component_id: number;
  /** The status the page showed just before the update. */
  old_status: string | null;
  new_status: string;
}

export interface StatusPageTemplatesTable {
  id: Generated<number>;
  name: string;
  status: string | null;
  message: string;
  created_at: Millis;
  updated_at: Millis;
}

export interface Database {
  status_page_settings: StatusPageSettingsTable;
  status_page_groups: StatusPageGroupsTable;
  status_page_components: StatusPageComponentsTable;
  status_page_component_services: StatusPageComponentServicesTable;
  incident_publications: IncidentPublicationsTable;
  incident_public_updates: IncidentPublicUpdatesTable;
  public_update_components: PublicUpdateComponentsTable;
  status_page_templates: StatusPageTemplatesTable;
}
// Customer reports (migration 018).

export interface ReportsTable {
  id: Generated<number>;
  /** The reference's number: `R-1042`. */
  number: number;
  name: string;
  email: string;
  message: string;
  /** A status-page component (no foreign key: reports do not depend on the status page). */
  component_id: number | null;
  /** JSON: short facts such as the order id or the page URL. */
  metadata: string;
  source: string;
  /** Keyed hash of the sender's IP address (form reports), for the intake limits. */
  ip_hash: string | null;
  language: string | null;
  received_at: Millis;
  incident_id: number | null;
  /** JSON: why the report is linked (a match's score and terms, or a person). */
  link_reason: string | null;
  linked_at: Millis | null;
  ack_outbox_id: number | null;
  told_at: Millis | null;
}

export interface ReportLimitsTable {
  key: string;
  window_start: Millis;
  count: number;
}

export interface Database {
  reports: ReportsTable;
  report_limits: ReportLimitsTable;
}

export type ReportRow = Selectable<ReportsTable>;
export type NewReportRow = Insertable<ReportsTable>;

// Resolution record, auto-close and follow-up actions (migration 020).

// Declaration merging adds the resolution record's columns to the incidents table.
export interface IncidentsTable {
  /** One of the configured root-cause categories. */
  root_cause_category: string | null;
  contributing_factors: string | null;
  /** What fixed it for good. */
  fix: string | null;
  /** What restored service in the meantime, if anything. */
  workaround: string | null;
  /** What customers experienced. */
  customer_impact: string | null;
  /** Customers affected, as estimated by the responders. */
  customers_affected: number | null;
  /** When customer impact ended; null: at mitigation (or resolution). */
  impact_ended_at: Millis | null;
}

/** Why auto-close last left a resolved incident open. */
export interface IncidentAutoCloseTable {
  incident_id: number;
  checked_at: Millis;
  blocked_reason: string;
}

export interface FollowUpsTable {
  id: Generated<number>;
  title: string;
  description: string;
  owner_id: number | null;
  team_id: number | null;
  due_at: Millis | null;
  /** urgent, high, medium or low. */
  priority: string;
  /** open, in_progress, done or wont_do. */
  state: string;
  wont_do_reason: string | null;
  /** A ticket elsewhere (http or https). */
  external_url: string | null;
  created_by: number | null;
  created_at: Millis;
  updated_at: Millis;
  done_at: Millis | null;
  version: number;
  /** When the last overdue reminder was queued (null: none yet). */
  reminded_at: Millis | null;
  reminders_sent: ColumnType<number, number | undefined, number>;
}

export interface FollowUpIncidentsTable {
  follow_up_id: number;
  incident_id: number;
}

export interface Database {
  incident_auto_close: IncidentAutoCloseTable;
  follow_ups: FollowUpsTable;
  follow_up_incidents: FollowUpIncidentsTable;
}

export type FollowUpRow = Selectable<FollowUpsTable>;
export type NewFollowUpRow = Insertable<FollowUpsTable>;

// Post-incident reviews (migration 021).

export interface IncidentReviewsTable {
  incident_id: number;
  /** draft, in_review or published. */
  state: string;
  /** The saved Markdown; null while the review is the untouched draft made from the facts. */
  body: string | null;
  /** Bumped by every saved text (0: never saved). */
  version: number;
  owner_id: number | null;
  created_at: Millis;
  updated_at: Millis;
  updated_by: number | null;
  published_at: Millis | null;
}

/** Every saved text of a review, for its history. */
export interface IncidentReviewVersionsTable {
  id: Generated<number>;
  incident_id: number;
  version: number;
  body: string;
  author_id: number | null;
  saved_at: Millis;
}

export interface IncidentReviewReviewersTable {
  incident_id: number;
  user_id: number;
  added_at: Millis;
  approved_at: Millis | null;
}

export interface Database {
  incident_reviews: IncidentReviewsTable;
  incident_review_versions: IncidentReviewVersionsTable;
  incident_review_reviewers: IncidentReviewReviewersTable;
}
// Triage rules (migration 022).

export interface TriageRuleSetsTable {
  id: Generated<number>;
  name: string;
  description: string;
  /** Null: a global set, for every service. */
  service_id: number | null;
  mode: string;
  is_enabled: number;
  /** Sets run in ascending position. */
  position: number;
  version: number;
  /** JSON of the core `TriageRule[]`, in order. */
  rules: string;
  next_rule_id: number;
  created_at: Millis;
  updated_at: Millis;
}

export interface TriageRuleSetVersionsTable {
  id: Generated<number>;
  rule_set_id: number;
  version: number;
  name: string;
  mode: string;
  service_id: number | null;
  is_enabled: number;
  rules: string;
  saved_at: Millis;
  saved_by: number | null;
}

export interface Database {
  triage_rule_sets: TriageRuleSetsTable;
  triage_rule_set_versions: TriageRuleSetVersionsTable;
}

export type TriageRuleSetRow = Selectable<TriageRuleSetsTable>;
export type TriageRuleSetVersionRow = Selectable<TriageRuleSetVersionsTable>;

// Recurrences (migration 023): an incident marked as a recurrence of an earlier one.

export interface IncidentRecurrencesTable {
  incident_id: number;
  recurrence_of_id: number;
  marked_by: number | null;
  marked_at: Millis;
}

export interface Database {
  incident_recurrences: IncidentRecurrencesTable;
}

// Similarity features (migration 033): each incident's features as the similarity index reads them.

export interface IncidentSimilarityFeaturesTable {
  incident_id: number;
  started_at: Millis;
  /** 0 for merged and declined incidents: never similar to anything. */
  is_listed: number;
  /** `encodeFeatures` JSON: text terms with weights, services, alert names, labels, category. */
  features: string;
}

export interface Database {
  incident_similarity_features: IncidentSimilarityFeaturesTable;
}

// Reliability metrics (migration 024).

/** Incidents of one day, scope, severity and category: how many, and their durations. */
export interface IncidentMetricRollupsTable {
  day: number;
  scope: string;
  scope_id: number;
  severity: string;
  category: string;
  incidents: number;
  /** JSON of the four measures' histograms. */
  durations: string;
}

/** Up to when the rollups are current (one row, id 1). */
export interface IncidentMetricStateTable {
  id: number;
  watermark: Millis;
  /** The service → owner team pairs the team rollups were made with. */
  ownership: string;
  /** Until when one process holds the refresh (0: nobody; migration 025). */
  leased_until: ColumnType<Millis, Millis | undefined, Millis>;
  /** Up to when the on-call and follow-up rollups are current (0: never built; migration 032). */
  load_watermark: ColumnType<Millis, Millis | undefined, Millis>;
  /** The last page id the on-call rollups count; later pages are counted when read. */
  pages_through: ColumnType<number, number | undefined, number>;
  /** The last follow-up id the follow-up rollups count; later ones are counted when read. */
  follow_ups_through: ColumnType<number, number | undefined, number>;
  /** The person → time zone pairs the on-call rollups were made with. */
  zones: ColumnType<string, string | undefined, string>;
}

/** On-call load of one person and day (migration 032). */
export interface OncallLoadDaysTable {
  day: number;
  user_id: number;
  pages: number;
  out_of_hours_pages: number;
  sleep_interruptions: number;
}

/** Follow-ups due on one day, per scope and linked incidents' severity and category pairs, per state. */
export interface FollowUpMetricDaysTable {
  day: number;
  scope: string;
  scope_id: number;
  /** JSON of sorted [severity, category] pairs; '[]' for none. */
  matches: string;
  open: number;
  in_progress: number;
  done: number;
  wont_do: number;
}

/** The due day each follow-up was last counted under. */
export interface FollowUpMetricMarksTable {
  follow_up_id: number;
  day: number;
}

export interface Database {
  incident_metric_rollups: IncidentMetricRollupsTable;
  incident_metric_state: IncidentMetricStateTable;
  /** The same rollups per week (`day`: the Monday), migration 025. */
  incident_metric_weeks: IncidentMetricRollupsTable;
  oncall_load_days: OncallLoadDaysTable;
  follow_up_metric_days: FollowUpMetricDaysTable;
  follow_up_metric_marks: FollowUpMetricMarksTable;
}

// Pushover emergency receipts (migration 030).

export interface OutboxTable {
  /** The receipt of a Pushover emergency message, to cancel its alerting once acknowledged. */
  provider_receipt: string | null;
  /** When the receipt was cancelled or found closed; null while the phone may still alert. */
  receipt_closed_at: Millis | null;
  /** No cancelling before this: another process is cancelling, or a failed cancel waits. */
  receipt_retry_at: Millis | null;
}

// Status-page subscribers (migration 019).

/** The page's bundling window: news of one incident within it goes out as one message. */
export interface StatusPageSettingsTable {
  subscriber_bundle_seconds: ColumnType<number, number | undefined, number>;
}

export interface StatusSubscribersTable {
  id: Generated<number>;
  /** `email` or `webhook`. */
  channel: string;
  /** The mailbox (email) or the URL (webhook). */
  address: string;
  /** Where confirmation mail goes (the mailbox of an email subscriber; optional for a webhook). */
  email: string | null;
  all_components: number;
  /** `pending` (not confirmed), `confirmed`, `unsubscribed`. */
  state: string;
  /** `form`, `api` or `admin`. */
  source: string;
  /** The token is derived from this salt with the server's signing key; it is not stored. */
  token_salt: string;
  token_hash: string;
  /** Why an admin added the subscriber confirmed, without the subscriber's opt-in. */
  skip_reason: string | null;
  created_by: number | null;
  created_at: Millis;
  confirmed_at: Millis | null;
  unsubscribed_at: Millis | null;
  updated_at: Millis;
}

export interface StatusSubscriberComponentsTable {
  subscriber_id: number;
  component_id: number;
}

export interface StatusSubscriberMessagesTable {
  id: Generated<number>;
  subscriber_id: number;
  /** `confirmation`, `news` or `component_update`. */
  kind: string;
  /** `incident` or `maintenance` (news), `component_update` (its row). */
  subject_kind: string | null;
  subject_id: number | null;
  status: string;
  attempts: number;
  next_attempt_at: Millis;
  lease_until: Millis | null;
  last_error: string | null;
  created_at: Millis;
  sent_at: Millis | null;
}

export interface StatusSubscriberNewsTable {
  subscriber_id: number;
  news_key: string;
  message_id: number;
  update_ref: string;
  created_at: Millis;
}

export interface StatusMaintenanceNoticesTable {
  window_id: number;
  stage: string;
  noticed_at: Millis;
}

export interface Database {
  status_subscribers: StatusSubscribersTable;
  status_subscriber_components: StatusSubscriberComponentsTable;
  status_subscriber_messages: StatusSubscriberMessagesTable;
  status_subscriber_news: StatusSubscriberNewsTable;
  status_maintenance_notices: StatusMaintenanceNoticesTable;
}

// Import links (migration 028): what an import from another on-call tool made.

export interface ImportLinksTable {
  source: string;
  source_kind: string;
  source_id: string;
  beacon_kind: string;
  beacon_id: number;
  fingerprint: string;
  created_at: Millis;
  updated_at: Millis;
}

export type ImportLinkRow = Selectable<ImportLinksTable>;

export interface Database {
  import_links: ImportLinksTable;
}

// Component updates for webhook subscribers (migration 027).

/** The status a component last had for subscribers: a change from it is a `component_update`. */
export interface StatusComponentNoticesTable {
  component_id: number;
  status: string;
  noticed_at: Millis;
}

/** A component's shown status changed (Statuspage's `component_update`). */
export interface StatusComponentUpdatesTable {
  id: Generated<number>;
  component_id: number;
  old_status: string;
  new_status: string;
  created_at: Millis;
}

export interface Database {
  status_component_notices: StatusComponentNoticesTable;
  status_component_updates: StatusComponentUpdatesTable;
}
