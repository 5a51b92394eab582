import type { ReviewFacts, ReviewTimelineLine } from './review-facts.js';
import { escapeInline } from './follow-ups-block.js';

/** One event worth a line in the review's timeline. */
export interface KeyEvent {
  at: number;
  text: string;
}

const MAX_ALERT_LINES = 3;
const MAX_TEXT = 160;

/**
 * The events a reader of the review needs, in order: the milestones, the first alerts, the
 * first page, acknowledgement, status moves, updates, notes and severity changes. Paging
 * bookkeeping, tasks and reminders are left out; repeated alerts are counted, not listed.
 */
export function keyEvents(facts: ReviewFacts): KeyEvent[] {
  const { incident } = facts;
  const events: KeyEvent[] = [{ at: incident.startedAt, text: 'Impact began' }];
  if (incident.detectedAt !== incident.startedAt) events.push({ at: incident.detectedAt, text: 'Detected' });
  let alertLines = 0;
  let extraAlerts = 0;
  let isPageListed = false;
  for (const line of facts.timeline) {
    if (line.kind === 'alert_attached') {
      if (alertLines < MAX_ALERT_LINES) {
        events.push({ at: line.at, text: clip(line.body ?? 'Alert attached') });
        alertLines += 1;
      } else extraAlerts += 1;
      continue;
    }
    if (line.kind === 'notified' && !isPageListed) {
      isPageListed = true;
      events.push({ at: line.at, text: `First page: ${clip(line.body ?? 'notified')}` });
      continue;
    }
    const text = eventText(line);
    if (text !== null) events.push({ at: line.at, text });
  }
  if (extraAlerts > 0) {
    const last = facts.timeline.filter((l) => l.kind === 'alert_attached').at(-1);
    if (last) events.push({ at: last.at, text: `…and ${String(extraAlerts)} more alerts joined` });
  }
  if (facts.reports.firstAt !== null) {
    const n = facts.reports.count;
    events.push({
      at: facts.reports.firstAt,
      text: `First customer report linked (${String(n)} report${n === 1 ? '' : 's'} in all)`,
    });
  }
  const isOwnMoment = incident.mitigatedAt !== incident.resolvedAt;
  if (
    incident.mitigatedAt !== null &&
    isOwnMoment &&
    !events.some((e) => e.text.startsWith('Status: monitoring'))
  ) {
    events.push({ at: incident.mitigatedAt, text: 'Mitigated' });
  }
  return events.sort((a, b) => a.at - b.at);
}

function eventText(line: ReviewTimelineLine): string | null {
  const who = line.actor.name;
  switch (line.kind) {
    case 'declared':
      return line.actor.type === 'system' ? 'Incident opened' : `Incident declared by ${who}`;
    case 'acknowledged':
      return `Acknowledged by ${who}`;
    case 'status_changed': {
      const status = line.changes?.status?.after;
      return typeof status === 'string' ? `Status: ${status} (${who})${note(line)}` : null;
    }
    case 'resolved':
      return `Resolved by ${who}${note(line)}`;
    case 'closed':
      return `Closed by ${who}`;
    case 'reopened':
      return `Reopened by ${who}${note(line)}`;
    case 'merged_into':
    case 'merged_from':
    case 'change_event':
      return clip(line.body ?? line.kind);
    case 'updated': {
      const severity = line.changes?.severity;
      return severity && typeof severity.after === 'string'
        ? `Severity ${typeof severity.before === 'string' ? severity.before : '—'} → ${severity.after} (${who})`
        : null;
    }
    case 'role_assigned': {
      const [role, change] = Object.entries(line.changes ?? {})[0] ?? [];
      return role && typeof change?.after === 'string' ? `${change.after} became ${role}` : null;
    }
    case 'note':
      return `Note by ${who}: ${clip(firstLine(line.body))}`;
    case 'status_update':
      return `Status update by ${who}: ${clip(firstLine(line.body))}`;
    case 'stakeholder_update':
      return `Stakeholder update by ${who}: ${clip(firstLine(line.body))}`;
    case 'public_update':
      return `Public update: ${clip(firstLine(line.body))}`;
    case 'notification_failed':
      return `Page failed: ${clip(line.body ?? '')}`;
    default:
      return null;
  }
}

function note(line: ReviewTimelineLine): string {
  return line.body ? ` — ${clip(firstLine(line.body))}` : '';
}

function firstLine(text: string | null): string {
  return (text ?? '').split('\n').find((l) => l.trim() !== '') ?? '';
}

function clip(text: string): string {
  const flat = text.trim().replace(/\s+/g, ' ');
  return escapeInline(flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT - 1)}…` : flat);
}
