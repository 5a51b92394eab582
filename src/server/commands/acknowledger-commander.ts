import type { Actor } from '../../core/schemas/timeline.js';
import type { IncidentRecord } from '../store/queries/incidents.js';
import { findUserById } from '../store/queries/users.js';
import type { Executor } from '../store/store.js';
import { getSettings } from './settings.js';

/**
 * The person who becomes commander by acknowledging `row`: the acknowledger, when the incident
 * has no commander and the setting `assignCommanderOnAcknowledge` (on by default) allows it.
 * Beacon itself or an alert source acknowledging makes nobody commander.
 */
export async function acknowledgerAsCommander(
  tx: Executor,
  row: IncidentRecord,
  actor: Actor,
): Promise<{ id: number; name: string } | undefined> {
  if (row.commander_id !== null || actor.type !== 'user' || actor.id === null) return undefined;
  if (!(await getSettings(tx)).assignCommanderOnAcknowledge) return undefined;
  const user = await findUserById(tx, actor.id);
  if (!user || user.disabled_at !== null) return undefined;
  return { id: user.id, name: user.name || user.email };
}
