import { countOpenFollowUpsOfIncidents } from '../../store/queries/follow-ups.js';
import type { Executor } from '../../store/store.js';

/** "2 open follow-ups" (null when there are none). */
export function openFollowUpsNote(count: number): string | null {
  if (count === 0) return null;
  return `${count} open follow-up${count === 1 ? '' : 's'}`;
}

/**
 * The message of a close with the incident's open follow-ups named after it: closing is
 * allowed while follow-ups are open (they outlive the incident), and the timeline says so.
 */
export async function withOpenFollowUps(
  db: Executor,
  incidentId: number,
  message: string | undefined,
): Promise<string | undefined> {
  const count = (await countOpenFollowUpsOfIncidents(db, [incidentId])).get(incidentId) ?? 0;
  const note = openFollowUpsNote(count);
  if (note === null) return message;
  const trimmed = message?.trim();
  return trimmed ? `${trimmed}\n\n${note} ${count === 1 ? 'remains' : 'remain'}.` : `Closed with ${note}.`;
}
