import { InvalidTransitionError, ValidationError } from '../../../core/errors.js';
import type {
  IncidentUpdate,
  IncidentUpdateList,
  UpdateKind,
  UpdateRecipient,
} from '../../../core/schemas/stakeholders.js';
import { insertIncidentUpdate, updatesOf } from '../../store/queries/stakeholders.js';
import { appendTimeline } from '../timeline.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import type { Executor } from '../../store/store.js';
import { type AppContext, type Caller, actorOf, iso } from '../context.js';
import { loadIncident } from '../incident-guards.js';
import { incidentRef } from '../incident-view.js';
import { queueNotice } from '../outbox/notices.js';
import { reminderState } from './reminders.js';
import { type RecipientAddress, stakeholderRecipients } from './stakeholders.js';

/** Updates one page of `GET /incidents/:ref/updates` lists. */
const LIST_LIMIT = 100;

/**
 * Post a status update: a written update recorded with the incident's current status,
 * severity and impact, on the timeline as `status_update`. It resets the update reminder.
 */
export async function postStatusUpdate(
  ctx: AppContext,
  caller: Caller,
  ref: string,
  message: string,
): Promise<IncidentUpdate> {
  const update = await ctx.store.transaction(async (tx) => {
    const row = await loadUpdatableIncident(tx, ref);
    return recordUpdate(tx, row, caller, { kind: 'status', message, recipients: [], now: ctx.clock.now() });
  });
  ctx.onIncidentsChanged();
  return update;
}

/**
 * Post a stakeholder update: recorded like a status update (`stakeholder_update` on the
 * timeline) and emailed, once per address, to every stakeholder, queued in the outbox in the
 * same transaction. 400 naming `stakeholders` when the incident has nobody to send it to.
 */
export async function postStakeholderUpdate(
  ctx: AppContext,
  caller: Caller,
  ref: string,
  message: string,
): Promise<IncidentUpdate> {
  const now = ctx.clock.now();
  const update = await ctx.store.transaction(async (tx) => {
    const row = await loadUpdatableIncident(tx, ref);
    const recipients = await stakeholderRecipients(tx, row);
    if (recipients.length === 0) {
      throw new ValidationError(
        'stakeholders',
        'add a stakeholder or subscribe before posting a stakeholder update',
      );
    }
    const posted = await recordUpdate(tx, row, caller, { kind: 'stakeholder', message, recipients, now });
    for (const recipient of recipients) {
      await queueNotice(
        tx,
        {
          userId: recipient.userId,
          contactMethodId: null,
          channel: 'email',
          address: recipient.email,
          key: `stk:${posted.id}:${recipient.email}`,
        },
        row,
        {
          kind: 'stakeholder_update',
          message,
          status: row.status,
          severity: row.severity,
          impact: row.impact,
          priority: row.priority,
          author: caller.name || caller.email,
          at: iso(now),
          isExternal: recipient.userId === null,
        },
        now,
      );
    }
    return posted;
  });
  ctx.onIncidentsChanged();
  return update;
}

async function loadUpdatableIncident(tx: Executor, ref: string): Promise<IncidentRecord> {
  const row = await loadIncident(tx, ref);
  if (row.status === 'merged') {
    throw new InvalidTransitionError(
      `INC-${row.number} was merged into another incident; post updates there`,
    );
  }
  return row;
}

async function recordUpdate(
  tx: Executor,
  row: IncidentRecord,
  caller: Caller,
  update: { kind: UpdateKind; message: string; recipients: RecipientAddress[]; now: number },
): Promise<IncidentUpdate> {
  const recipients: UpdateRecipient[] = update.recipients.map(({ email, name, via }) => ({
    email,
    name,
    via,
  }));
  // The update records the incident's classification at the time it was posted.
  const classification = {
    status: row.status,
    severity: row.severity,
    impact: row.impact,
    priority: row.priority,
  };
  const inserted = await insertIncidentUpdate(tx, {
    incident_id: row.id,
    kind: update.kind,
    message: update.message,
    ...classification,
    recipients,
    author_id: caller.userId,
    posted_at: update.now,
  });
  const state = `${capitalize(row.status)} · ${row.severity} · ${capitalize(row.impact)} impact · ${row.priority}`;
  const sentTo =
    update.kind === 'stakeholder'
      ? `\nEmailed to ${recipients.length} ${recipients.length === 1 ? 'stakeholder' : 'stakeholders'}: ${summarize(recipients)}`
      : '';
  await appendTimeline(tx, {
    incidentId: row.id,
    at: update.now,
    actor: actorOf(caller),
    kind: update.kind === 'status' ? 'status_update' : 'stakeholder_update',
    changes: null,
    body: `${update.message}\n\n${state}${sentTo}`,
  });
  return {
    id: inserted.id,
    incidentRef: incidentRef(row.number),
    kind: update.kind,
    message: update.message,
    ...classification,
    author: { id: caller.userId, name: caller.name, email: caller.email },
    postedAt: iso(update.now),
    recipients,
  };
}

/** `Ada Lovelace, Platform (3), vendor@example.com`: recipients grouped by how they were reached. */
function summarize(recipients: readonly UpdateRecipient[]): string {
  const parts: string[] = [];
  const teams = new Map<string, number>();
  for (const r of recipients) {
    if (r.via.startsWith('team ')) teams.set(r.via, (teams.get(r.via) ?? 0) + 1);
    else parts.push(r.name ?? r.email);
  }
  for (const [via, count] of teams) parts.push(`${via.slice('team '.length)} (${count})`);
  const shown = parts.slice(0, 20).join(', ');
  return parts.length > 20 ? `${shown}, and ${parts.length - 20} more` : shown;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An incident's updates, newest first, and when the next one is due before a reminder. */
export async function getUpdates(ctx: AppContext, ref: string): Promise<IncidentUpdateList> {
  const db = ctx.store.db;
  const row = await loadIncident(db, ref);
  const rows = await updatesOf(db, row.id, LIST_LIMIT);
  return {
    items: rows.map((r) => ({
      id: r.id,
      incidentRef: incidentRef(row.number),
      kind: r.kind as UpdateKind,
      message: r.message,
      status: r.status,
      severity: r.severity,
      impact: r.impact,
      priority: r.priority,
      author:
        r.author_id === null
          ? null
          : { id: r.author_id, name: r.author_name ?? '', email: r.author_email ?? '' },
      postedAt: iso(r.posted_at),
      recipients: r.recipients,
    })),
    reminder: await reminderState(db, row),
  };
}
