import { ConflictError } from '../../../core/errors.js';

/** A write that broke a unique index or primary key: the table and the index's columns. */
export interface UniqueViolation {
  table: string;
  columns: string[];
}

/** The API field and the message a unique constraint's conflict is reported with. */
interface UniqueRule {
  field: string;
  message: string;
}

/**
 * Every unique index and primary key of the migrations (`table(column, …)`), with the field
 * a duplicate is reported on. Most are guarded by their command before the write; this is what
 * a caller sees when two requests race past that check, or when a command has none.
 * `unique-conflicts.test.ts` fails when a migration adds a unique index missing here.
 */
const UNIQUE_RULES: Record<string, UniqueRule> = {
  'users(email)': { field: 'email', message: 'a user with this email exists' },
  'teams(name)': { field: 'name', message: 'a team with this name exists' },
  'team_members(team_id, user_id)': { field: 'userId', message: 'this user is already a member of the team' },
  'services(name)': { field: 'name', message: 'a service with this name exists' },
  'service_dependencies(service_id, depends_on_id)': {
    field: 'dependsOnIds',
    message: 'the service already depends on this service',
  },
  'incident_services(incident_id, service_id)': {
    field: 'serviceIds',
    message: 'the incident already affects this service',
  },
  'schedules(name)': { field: 'name', message: 'a schedule with this name exists' },
  'escalation_policies(name)': { field: 'name', message: 'an escalation policy with this name exists' },
  'escalation_steps(policy_id, position)': { field: 'steps', message: 'two steps share a position' },
  'response_plans(name)': { field: 'name', message: 'a response plan with this name exists' },
  'incident_plans(incident_id, plan_id)': { field: 'planId', message: 'the plan is already attached' },
  'incident_roles(incident_id, role)': {
    field: 'role',
    message: 'the role was just assigned; reload and retry',
  },
  'incident_stakeholders(incident_id, target_key)': {
    field: 'target',
    message: 'already a stakeholder of this incident',
  },
  'settings(key)': { field: 'key', message: 'the setting was just changed; reload and retry' },
  // Written by Beacon itself, never from a field a caller chose; a clash is a retryable race.
  'counters(name)': internal('name'),
  'sessions(token_hash)': internal('token'),
  'api_tokens(token_hash)': internal('token'),
  'incidents(number)': internal('number'),
  'integrations(key_hash)': internal('key'),
  'alerts(service_id, dedup_key)': internal('dedupKey'),
  'checks(heartbeat_token)': internal('heartbeatToken'),
  'schedules(ical_token)': internal('token'),
  'user_calendar_tokens(user_id)': internal('token'),
  'user_calendar_tokens(token)': internal('token'),
  'escalation_runs(incident_id)': internal('incident'),
  'outbox(dedupe_key)': internal('notification'),
  'incident_similarity_features(incident_id)': internal('incident'),
  'account_links(token_hash)': internal('token'),
  'outbox_incidents(outbox_id, incident_id)': internal('notification'),
  'getting_started_dismissals(user_id)': internal('user'),
  'sign_in_throttles(key)': internal('email'),
  'sign_in_challenges(token_hash)': internal('challenge'),
  'oidc_logins(state)': internal('state'),
  'used_action_tokens(id)': { field: 'token', message: 'this link has already been used' },
  'server_secrets(name)': internal('secret'),
  'webhook_deliveries(delivery_id)': internal('deliveryId'),
  'update_reminders(incident_id)': internal('incident'),
  'status_page_component_services(component_id, service_id)': {
    field: 'serviceIds',
    message: 'the component already lists this service',
  },
  'incident_publications(incident_id)': internal('incident'),
  'public_update_components(update_id, component_id)': {
    field: 'components',
    message: 'a component is named twice in the update',
  },
  'reports(number)': internal('ref'),
  'triage_rule_sets(name)': { field: 'name', message: 'a triage rule set with this name exists' },
  'triage_rule_set_versions(rule_set_id, version)': {
    field: 'version',
    message: 'the rule set was just changed; reload and retry',
  },
  'report_limits(key)': internal('key'),
  'incident_auto_close(incident_id)': internal('incident'),
  // Two people marking one incident as a recurrence at once: the second is told.
  'incident_recurrences(incident_id)': {
    field: 'recurrenceOf',
    message: 'the incident was just marked as a recurrence; reload to see of which',
  },
  'follow_up_incidents(follow_up_id, incident_id)': {
    field: 'incidentRefs',
    message: 'the follow-up is already linked to this incident',
  },
  // Post-incident reviews (migration 021): two saves racing on one version, or a reviewer added twice.
  'incident_reviews(incident_id)': {
    field: 'version',
    message: 'the review was just started; reload and retry',
  },
  'incident_review_versions(incident_id, version)': {
    field: 'version',
    message: 'the review was just saved by someone else; reload and retry',
  },
  'incident_review_reviewers(incident_id, user_id)': {
    field: 'reviewerIds',
    message: 'already a reviewer of this review',
  },
  'incident_metric_rollups(scope, scope_id, day, severity, category)': internal('metrics'),
  'incident_metric_state(id)': internal('metrics'),
  'incident_metric_weeks(scope, scope_id, day, severity, category)': internal('metrics'),
  'oncall_load_days(day, user_id)': internal('metrics'),
  'follow_up_metric_days(scope, scope_id, day, matches)': internal('metrics'),
  'follow_up_metric_marks(follow_up_id)': internal('metrics'),
  'status_subscribers(channel, address)': { field: 'address', message: 'this address is already subscribed' },
  'status_subscribers(token_hash)': internal('token'),
  'status_subscriber_components(subscriber_id, component_id)': {
    field: 'componentIds',
    message: 'a component is named twice',
  },
  'status_subscriber_news(subscriber_id, news_key)': internal('news'),
  'status_maintenance_notices(window_id, stage)': internal('maintenance'),
  // Two imports of the same source at once: one of them wins, the other is retried by running it again.
  'import_links(source, source_kind, source_id)': internal('import'),
  'status_component_notices(component_id)': internal('component'),
};

function internal(field: string): UniqueRule {
  return { field, message: 'a concurrent change wrote the same record; retry' };
}

/** The key of a unique index in `UNIQUE_RULES`: `table(column, …)`. */
export function uniqueKey(violation: UniqueViolation): string {
  return `${violation.table}(${violation.columns.join(', ')})`;
}

/** Whether `UNIQUE_RULES` names the field of this unique index. */
export function hasUniqueRule(violation: UniqueViolation): boolean {
  return uniqueKey(violation) in UNIQUE_RULES;
}

/** The 409 a unique violation is reported as, naming the field (the last column when unlisted). */
export function conflictFor(violation: UniqueViolation): ConflictError {
  const rule = UNIQUE_RULES[uniqueKey(violation)] ?? {
    field: camelCase(violation.columns.at(-1) ?? violation.table),
    message: `a ${violation.table} row with this ${violation.columns.join(', ')} exists`,
  };
  return new ConflictError(rule.message, rule.field);
}

/** Translate a driver error with `detect`: a unique violation becomes its conflict, others pass. */
export function uniqueConflicts(detect: (error: unknown) => UniqueViolation | undefined) {
  return (error: unknown): unknown => {
    const violation = detect(error);
    return violation ? conflictFor(violation) : error;
  };
}

function camelCase(column: string): string {
  return column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
