/** Who the source has on call against who Beacon would have, at every handoff of either. */
import { finalSchedule } from '../oncall/schedule.js';
import type { Schedule } from '../oncall/schedule-types.js';
import type {
  ImportPlanItem,
  ImportRendered,
  ImportSetup,
  ScheduleComparison,
  ScheduleDifference,
} from '../schemas/import.js';
import { toBeaconSchedule } from './schedule-mapping.js';

/**
 * Compare the source's rendered schedule with Beacon's `schedule` over the rendered window.
 * Beacon's user ids are turned back into source ids by `sourceIdOf`; every instant at which
 * either side hands off is checked, and each disagreement is reported once where it starts.
 */
export function compareSchedules(
  rendered: ImportRendered,
  schedule: Schedule,
  sourceIdOf: (userId: number) => string | undefined,
): Omit<ScheduleComparison, 'sourceId' | 'name'> {
  const from = Date.parse(rendered.from);
  const to = Date.parse(rendered.to);
  const entries = rendered.entries
    .map((entry) => ({
      user: entry.userSourceId,
      start: Date.parse(entry.start),
      end: Date.parse(entry.end),
    }))
    .filter((entry) => entry.start < to && entry.end > from);
  const shifts = finalSchedule(schedule, from, to);
  const points = new Set([from]);
  for (const { start, end } of [...entries, ...shifts]) {
    if (start >= from && start < to) points.add(start);
    if (end >= from && end < to) points.add(end);
  }
  const sorted = [...points].sort((a, b) => a - b);
  const differences: ScheduleDifference[] = [];
  let previous: string | undefined;
  for (const at of sorted) {
    const source = entries.findLast((entry) => entry.start <= at && at < entry.end)?.user ?? null;
    const shift = shifts.find((s) => s.start <= at && at < s.end);
    const beacon = shift === undefined ? null : (sourceIdOf(shift.userId) ?? `beacon user ${shift.userId}`);
    const key = `${source ?? ''}|${beacon ?? ''}`;
    if (source !== beacon && key !== previous) {
      differences.push({ at: new Date(at).toISOString(), source, beacon });
    }
    previous = source === beacon ? undefined : key;
  }
  return { from: rendered.from, to: rendered.to, handoffs: sorted.length, differences };
}

/**
 * Compare every schedule of `setup` that the plan imports and whose rendered schedule the
 * importer read, as Beacon will compute it (users stand in by their position in the set-up).
 */
export function compareImportedSchedules(
  setup: ImportSetup,
  items: readonly ImportPlanItem[],
  now: number,
): ScheduleComparison[] {
  const isKept = (item: ImportPlanItem) => item.action !== 'skip' || item.beaconId !== null;
  const importedUsers = new Set(items.filter((i) => i.kind === 'user' && isKept(i)).map((i) => i.sourceId));
  const index = new Map(setup.users.map((user, position) => [user.sourceId, position + 1]));
  const sourceIds = new Map(setup.users.map((user, position) => [position + 1, user.sourceId]));
  const imported = new Set(items.filter((i) => i.kind === 'schedule' && isKept(i)).map((i) => i.sourceId));
  const comparisons: ScheduleComparison[] = [];
  for (const schedule of setup.schedules) {
    if (!schedule.rendered || !imported.has(schedule.sourceId)) continue;
    const mapped = toBeaconSchedule(
      schedule,
      (id) => (importedUsers.has(id) ? index.get(id) : undefined),
      now,
    );
    if ('skip' in mapped) continue;
    const result = compareSchedules(schedule.rendered, mapped, (userId) => sourceIds.get(userId));
    comparisons.push({ sourceId: schedule.sourceId, name: schedule.name, ...result });
  }
  return comparisons;
}
