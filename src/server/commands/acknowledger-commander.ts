import type { Actor } from '../../core/schemas/timeline.js';
import { type IncidentRecord, updateIncidentAtVersion } from '../store/queries/incidents.js';
import { findUserById } from '../store/queries/users.js';
import type { Executor } from '../store/store.js';
import { giveRoleTasks } from './response/roles.js';
import { getSettings } from './settings.js';
import { appendTimeline } from './timeline.js';

/**
 * Make the person who acknowledged an incident its commander when it has none (setting
 * `assignCommanderOnAcknowledge`, on by default), inside the acknowledging transaction, and
 * say so on the timeline. Beacon itself or an alert source acknowledging changes nothing.
 */
export async function makeAcknowledgerCommander(
  tx: Executor,
  row: IncidentRecord,
  actor: Actor,
  now: number,
): Promise<IncidentRecord> {
  if (row.commander_id !== null || actor.type !== 'user' || actor.id === null) return row;
  if (!(await getSettings(tx)).assignCommanderOnAcknowledge) return row;
  const user = await findUserById(tx, actor.id);
  if (!user || user.disabled_at !== null) return row;
  const updated = await updateIncidentAtVersion(tx, row.id, row.version, {
    commander_id: user.id,
    updated_at: now,
  });
  await appendTimeline(tx, {
    incidentId: row.id,
    at: now,
    actor,
    kind: 'role_assigned',
    changes: { commander: { before: null, after: user.name || user.email } },
    body: `${user.name || user.email} acknowledged and became the commander`,
  });
  await giveRoleTasks(tx, updated, 'commander', user.id, actor, now);
  return updated;
}
