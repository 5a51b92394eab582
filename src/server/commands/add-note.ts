import type { TimelineEntry } from '../../core/schemas/timeline.js';
import { appendTimeline } from './timeline.js';
import { type AppContext, type Caller, actorOf, iso } from './context.js';
import { loadIncident } from './incident-guards.js';
import { incidentRef } from './incident-view.js';

/** Add an internal note to an incident's timeline. */
export async function addNote(
  ctx: AppContext,
  caller: Caller,
  ref: string,
  body: string,
): Promise<TimelineEntry> {
  const at = ctx.clock.now();
  const actor = actorOf(caller);
  const entry = await ctx.store.transaction(async (tx) => {
    const row = await loadIncident(tx, ref);
    const id = await appendTimeline(tx, { incidentId: row.id, at, actor, kind: 'note', body });
    return {
      id,
      incidentRef: incidentRef(row.number),
      at: iso(at),
      actor,
      kind: 'note' as const,
      changes: null,
      body,
    };
  });
  ctx.onIncidentsChanged();
  return entry;
}
