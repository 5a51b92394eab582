import type { User } from '../../core/schemas/access.js';
import type { Schedule } from '../../core/schemas/oncall.js';
import { WEEKDAYS } from '../../core/oncall/schedule-types.js';
import { userLabel } from './schedule-format.js';

type Layer = Schedule['layers'][number];

const DAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Each layer of a schedule in words: who rotates, how often, from when, and within which windows. */
export function LayerSummary({
  schedule,
  users,
  colors,
}: {
  schedule: Schedule;
  users: readonly User[];
  colors: ReadonlyMap<number, string>;
}) {
  const byId = new Map(users.map((u) => [u.id, u]));
  if (schedule.layers.length === 0) return <p className="muted">No layers: nobody is ever on call.</p>;
  return (
    <ol className="layer-summary">
      {schedule.layers.map((layer, index) => (
        <li key={index}>
          <div>
            <strong>Layer {index + 1}</strong>
            {index === schedule.layers.length - 1 && schedule.layers.length > 1 ? (
              <span className="muted"> · wins over the layers above</span>
            ) : null}
          </div>
          <div>{rotationText(layer)}</div>
          <div className="layer-people">
            {layer.participants.map((id, i) => (
              <span key={`${id}-${i}`} className="chip">
                <span className="swatch" style={{ background: colors.get(id) }} aria-hidden="true" />
                {userLabel(byId.get(id), `user ${id}`)}
              </span>
            ))}
          </div>
          {layer.restrictions && layer.restrictions.length > 0 ? (
            <div className="muted">
              Only {layer.restrictions.map((r) => `${daysText(r.days)} ${r.start}–${r.end}`).join(', ')}
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

const DAY_NAMES = ['Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays', 'Sundays'];

function rotationText(layer: Layer): string {
  const weekday = (new Date(`${layer.startDate}T00:00:00Z`).getUTCDay() + 6) % 7;
  const every =
    layer.rotation.kind === 'custom'
      ? `Every ${layer.rotation.shiftHours} hours, first handoff at ${layer.handoffTime}`
      : layer.rotation.kind === 'weekly'
        ? `Weekly, handing off on ${DAY_NAMES[weekday]} at ${layer.handoffTime}`
        : `Daily, handing off at ${layer.handoffTime}`;
  return `${every}, from ${layer.startDate}${layer.endDate ? ` until ${layer.endDate}` : ''}`;
}

/** "Mon–Fri", "Sat, Sun", "every day". */
function daysText(days: readonly string[]): string {
  const indexes = WEEKDAYS.map((d, i) => (days.includes(d) ? i : -1)).filter((i) => i >= 0);
  if (indexes.length === 7) return 'every day';
  const isRun = indexes.length > 2 && indexes.every((d, i) => i === 0 || d === (indexes[i - 1] ?? 0) + 1);
  if (isRun) return `${DAY[indexes[0] ?? 0]}–${DAY[indexes.at(-1) ?? 0]}`;
  return indexes.map((i) => DAY[i]).join(', ');
}
