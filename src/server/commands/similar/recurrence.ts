import { ConflictError, ValidationError } from '../../../core/errors.js';
import type { MarkRecurrenceBody, RecurrenceMark } from '../../../core/schemas/similar.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import { findIncidentById } from '../../store/queries/incidents.js';
import { deleteRecurrence, findRecurrence, insertRecurrence } from '../../store/queries/similar.js';
import type { Executor } from '../../store/store.js';
import { type AppContext, type Caller, actorOf } from '../context.js';
import { loadIncident, parseIncidentRef } from '../incident-guards.js';
import { incidentRef } from '../incident-view.js';
import { findIncidentByNumber } from '../../store/queries/incidents.js';
import { appendTimeline } from '../timeline.js';
import { viewMark } from './find-similar.js';

/** The earlier incident a mark names, checked: it exists, is another and started before. */
async function loadEarlier(tx: Executor, incident: IncidentRecord, ref: string): Promise<IncidentRecord> {
  const number = parseIncidentRef(ref);
  const earlier = number === undefined ? undefined : await findIncidentByNumber(tx, number);
  if (!earlier) throw new ValidationError('recurrenceOf', `there is no incident ${ref}`);
  if (earlier.id === incident.id) throw new ValidationError('recurrenceOf', 'must be another incident');
  if (earlier.number > incident.number) {
    throw new ValidationError(
      'recurrenceOf',
      `must be an earlier incident: ${incidentRef(earlier.number)} was declared after ${incidentRef(incident.number)}`,
    );
  }
  if (earlier.status === 'merged' || earlier.status === 'declined') {
    throw new ValidationError('recurrenceOf', `${incidentRef(earlier.number)} was ${earlier.status}`);
  }
  return earlier;
}

/**
 * Mark an incident as a recurrence of an earlier one: both timelines say so. An incident is a
 * recurrence of one incident at most (409 while marked; undo first to change it).
 */
export async function markRecurrence(
  ctx: AppContext,
  caller: Caller,
  ref: string,
  body: MarkRecurrenceBody,
): Promise<RecurrenceMark> {
  const now = ctx.clock.now();
  const mark = await ctx.store.transaction(async (tx) => {
    const incident = await loadIncident(tx, ref);
    const earlier = await loadEarlier(tx, incident, body.recurrenceOf);
    const existing = await findRecurrence(tx, incident.id);
    if (existing) {
      const marked = await findIncidentById(tx, existing.recurrence_of_id);
      throw new ConflictError(
        `${incidentRef(incident.number)} is already marked as a recurrence of ${marked ? incidentRef(marked.number) : 'another incident'}; undo that first`,
        'recurrenceOf',
      );
    }
    const values = {
      incidentId: incident.id,
      recurrenceOfId: earlier.id,
      markedBy: caller.userId,
      markedAt: now,
    };
    await insertRecurrence(tx, values);
    await note(tx, caller, now, 'recurrence_marked', [
      [incident.id, `Marked as a recurrence of ${incidentRef(earlier.number)} by ${caller.name}`],
      [
        earlier.id,
        `${incidentRef(incident.number)} marked as a recurrence of this incident by ${caller.name}`,
      ],
    ]);
    return viewMark(tx, incident, { recurrence_of_id: earlier.id, marked_by: caller.userId, marked_at: now });
  });
  ctx.onIncidentsChanged();
  return mark;
}

/** Undo an incident's recurrence mark (both timelines say so); 409 when it has none. */
export async function unmarkRecurrence(ctx: AppContext, caller: Caller, ref: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const incident = await loadIncident(tx, ref);
    const existing = await findRecurrence(tx, incident.id);
    if (!existing) {
      throw new ConflictError(`${incidentRef(incident.number)} is not marked as a recurrence`, 'ref');
    }
    const earlier = await findIncidentById(tx, existing.recurrence_of_id);
    await deleteRecurrence(tx, incident.id);
    const earlierRef = earlier ? incidentRef(earlier.number) : 'an earlier incident';
    await note(tx, caller, now, 'recurrence_unmarked', [
      [incident.id, `No longer marked as a recurrence of ${earlierRef} (undone by ${caller.name})`],
      ...(earlier
        ? [
            [
              earlier.id,
              `${incidentRef(incident.number)} no longer marked as a recurrence of this incident (undone by ${caller.name})`,
            ] as [number, string],
          ]
        : []),
    ]);
  });
  ctx.onIncidentsChanged();
}

async function note(
  tx: Executor,
  caller: Caller,
  at: number,
  kind: 'recurrence_marked' | 'recurrence_unmarked',
  lines: ReadonlyArray<[number, string]>,
): Promise<void> {
  for (const [incidentId, body] of lines) {
    await appendTimeline(tx, { incidentId, at, actor: actorOf(caller), kind, changes: null, body });
  }
}
