/** Incident lifecycle: statuses and the transitions allowed between them. */
export const INCIDENT_STATUSES = [
  'triage',
  'triggered',
  'investigating',
  'identified',
  'monitoring',
  'resolved',
  'closed',
  'declined',
  'merged',
] as const;

export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Statuses in which an incident is still being worked on. */
export const OPEN_STATUSES: readonly IncidentStatus[] = [
  'triage',
  'triggered',
  'investigating',
  'identified',
  'monitoring',
];

const ACTIVE: readonly IncidentStatus[] = ['investigating', 'identified', 'monitoring'];

/**
 * Allowed transitions. `resolved`/`closed` → `investigating` is a reopen and is further
 * limited by the reopen window; `resolved` → `triggered` is a reopen by a new alert;
 * `merged` is reached only through the merge action.
 */
const TRANSITIONS: Record<IncidentStatus, readonly IncidentStatus[]> = {
  triage: ['triggered', ...ACTIVE, 'resolved', 'declined'],
  triggered: [...ACTIVE, 'resolved'],
  investigating: ['identified', 'monitoring', 'resolved'],
  identified: ['investigating', 'monitoring', 'resolved'],
  monitoring: ['investigating', 'identified', 'resolved'],
  resolved: ['closed', 'investigating', 'triggered'],
  closed: ['investigating'],
  declined: [],
  merged: [],
};

/** True when the lifecycle allows moving from `from` to `to`. */
export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The statuses reachable from `from` (what the UI offers as actions). */
export function nextStatuses(from: IncidentStatus): readonly IncidentStatus[] {
  return TRANSITIONS[from];
}

/** True for statuses where the incident is still open (not resolved or finished). */
export function isOpenStatus(status: IncidentStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** True when moving `from` → `to` is a reopen (limited by the reopen window). */
export function isReopen(from: IncidentStatus, to: IncidentStatus): boolean {
  return (from === 'resolved' || from === 'closed') && isOpenStatus(to);
}

/** True for statuses that mean a responder has acknowledged the incident. */
export function isAcknowledgedStatus(status: IncidentStatus): boolean {
  return ACTIVE.includes(status);
}
