import type { User } from '../../core/schemas/access.js';
import type { ScheduleBody } from '../../core/schemas/oncall.js';
import { WEEKDAYS, type Weekday } from '../../core/oncall/schedule-types.js';
import { Field } from './form.js';
import { localToday, userLabel } from './schedule-format.js';
import { TextField } from './text-field.js';
import { ActiveUserOptions } from './user-options.js';

type Layer = ScheduleBody['layers'][number];
type Restriction = NonNullable<Layer['restrictions']>[number];

/** A layer as the form holds it: every input as typed. */
export interface LayerDraft {
  participants: number[];
  rotation: 'daily' | 'weekly' | 'custom';
  shiftHours: string;
  handoffTime: string;
  startDate: string;
  endDate: string;
  restrictions: Restriction[];
}

const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};
const WORK_WEEK: Restriction = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' };

/** A new layer: weekly, handing off at 09:00 from today, nobody in it yet. */
export function emptyLayer(): LayerDraft {
  return {
    participants: [],
    rotation: 'weekly',
    shiftHours: '12',
    handoffTime: '09:00',
    startDate: localToday(),
    endDate: '',
    restrictions: [],
  };
}

/** The form's draft of a saved layer. */
export function draftOf(layer: Layer): LayerDraft {
  return {
    participants: [...layer.participants],
    rotation: layer.rotation.kind,
    shiftHours: layer.rotation.kind === 'custom' ? String(layer.rotation.shiftHours) : '12',
    handoffTime: layer.handoffTime,
    startDate: layer.startDate,
    endDate: layer.endDate ?? '',
    restrictions: (layer.restrictions ?? []).map((r) => ({ ...r, days: [...r.days] })),
  };
}

/** The API shape of a draft (the server checks it and names what is wrong). */
export function layerOf(draft: LayerDraft): Layer {
  return {
    participants: draft.participants,
    rotation:
      draft.rotation === 'custom'
        ? { kind: 'custom', shiftHours: Number(draft.shiftHours) }
        : { kind: draft.rotation },
    handoffTime: draft.handoffTime,
    startDate: draft.startDate,
    ...(draft.endDate ? { endDate: draft.endDate } : {}),
    ...(draft.restrictions.length > 0 ? { restrictions: draft.restrictions } : {}),
  };
}

interface Props {
  index: number;
  count: number;
  layer: LayerDraft;
  users: readonly User[];
  /** Problems the server reported for this layer, already worded. */
  problems: readonly string[];
  onChange: (layer: LayerDraft) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/** The inputs of one layer: ordered people, rotation, handoff, dates and weekly time windows. */
export function LayerFields({ index, count, layer, users, problems, onChange, onMove, onRemove }: Props) {
  const n = index + 1;
  const set = (patch: Partial<LayerDraft>) => onChange({ ...layer, ...patch });
  return (
    <fieldset className="layer-fields" aria-label={`Layer ${n}`} data-testid="layer-fields">
      <legend>
        Layer {n}
        {count > 1 && index === count - 1 ? (
          <span className="muted"> · wins over the layers above</span>
        ) : null}
      </legend>
      <div className="layer-tools button-group">
        <button
          type="button"
          className="button small ghost"
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          Move up
        </button>
        <button
          type="button"
          className="button small ghost"
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          Move down
        </button>
        <button type="button" className="button small danger-outline" onClick={onRemove}>
          Remove layer
        </button>
      </div>
      {problems.length > 0 ? (
        <ul className="field-error layer-problems" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      <Participants layer={layer} users={users} n={n} onChange={(participants) => set({ participants })} />
      <div className="form-grid four">
        <Field label="Rotation">
          {(id) => (
            <select
              id={id}
              value={layer.rotation}
              onChange={(e) => set({ rotation: e.target.value as LayerDraft['rotation'] })}
            >
              <option value="daily">Daily</option>
              <option value="weekly">Weekly</option>
              <option value="custom">Custom shift length</option>
            </select>
          )}
        </Field>
        {layer.rotation === 'custom' ? (
          <Field label="Shift length (hours)">
            {(id) => (
              <input
                id={id}
                type="number"
                min="1"
                step="any"
                value={layer.shiftHours}
                onChange={(e) => set({ shiftHours: e.target.value })}
              />
            )}
          </Field>
        ) : null}
        <TextField
          label="Handoff time"
          hint="Local time in the schedule's zone"
          type="time"
          value={layer.handoffTime}
          onChange={(e) => set({ handoffTime: e.target.value })}
        />
        <Field label="Start date">
          {(id) => (
            <input
              id={id}
              type="date"
              value={layer.startDate}
              onChange={(e) => set({ startDate: e.target.value })}
            />
          )}
        </Field>
        <TextField
          label="End date"
          hint="Optional"
          type="date"
          value={layer.endDate}
          onChange={(e) => set({ endDate: e.target.value })}
        />
      </div>
      <Restrictions layer={layer} n={n} onChange={(restrictions) => set({ restrictions })} />
    </fieldset>
  );
}

function Participants({
  layer,
  users,
  n,
  onChange,
}: {
  layer: LayerDraft;
  users: readonly User[];
  n: number;
  onChange: (participants: number[]) => void;
}) {
  const byId = new Map(users.map((u) => [u.id, u]));
  const move = (from: number, to: number) => {
    const next = [...layer.participants];
    const [id] = next.splice(from, 1);
    if (id !== undefined) next.splice(to, 0, id);
    onChange(next);
  };
  return (
    <div className="field">
      <span className="label-text">People, in rotation order</span>
      {layer.participants.length === 0 ? <p className="muted">Nobody yet: add people below.</p> : null}
      <ol className="participants" aria-label={`People in layer ${n}`}>
        {layer.participants.map((userId, i) => {
          const name = userLabel(byId.get(userId), `user ${userId}`);
          return (
            <li key={`${userId}-${i}`}>
              <span className="participant-name">{name}</span>
              <button
                type="button"
                className="button small ghost"
                aria-label={`Move ${name} earlier`}
                disabled={i === 0}
                onClick={() => move(i, i - 1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="button small ghost"
                aria-label={`Move ${name} later`}
                disabled={i === layer.participants.length - 1}
                onClick={() => move(i, i + 1)}
              >
                ↓
              </button>
              <button
                type="button"
                className="button small ghost"
                aria-label={`Remove ${name}`}
                onClick={() => onChange(layer.participants.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </li>
          );
        })}
      </ol>
      <select
        aria-label={`Add person to layer ${n}`}
        className="participant-add"
        value=""
        onChange={(e) => {
          if (e.target.value) onChange([...layer.participants, Number(e.target.value)]);
        }}
      >
        <option value="">Add person…</option>
        <ActiveUserOptions users={users} />
      </select>
    </div>
  );
}

function Restrictions({
  layer,
  n,
  onChange,
}: {
  layer: LayerDraft;
  n: number;
  onChange: (restrictions: Restriction[]) => void;
}) {
  const set = (i: number, patch: Partial<Restriction>) =>
    onChange(layer.restrictions.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="restrictions">
      <span className="label-text">On call only during</span>
      {layer.restrictions.length === 0 ? <p className="muted">Any time (no restrictions).</p> : null}
      {layer.restrictions.map((r, i) => (
        <div className="restriction" key={i} role="group" aria-label={`Layer ${n} time window ${i + 1}`}>
          <div className="day-picks">
            {WEEKDAYS.map((day) => (
              <label key={day} className={r.days.includes(day) ? 'day-pick on' : 'day-pick'}>
                <input
                  type="checkbox"
                  checked={r.days.includes(day)}
                  onChange={(e) =>
                    set(i, {
                      days: e.target.checked
                        ? WEEKDAYS.filter((d) => d === day || r.days.includes(d))
                        : r.days.filter((d) => d !== day),
                    })
                  }
                />
                {DAY_NAMES[day]}
              </label>
            ))}
          </div>
          <label className="restriction-time">
            from
            <input type="time" value={r.start} onChange={(e) => set(i, { start: e.target.value })} />
          </label>
          <label className="restriction-time">
            to
            <input type="time" value={r.end} onChange={(e) => set(i, { end: e.target.value })} />
          </label>
          <button
            type="button"
            className="button small ghost"
            aria-label={`Remove time window ${i + 1}`}
            onClick={() => onChange(layer.restrictions.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button small"
        onClick={() => onChange([...layer.restrictions, { ...WORK_WEEK, days: [...WORK_WEEK.days] }])}
      >
        Add time window
      </button>
      <p className="field-hint">
        A window starts on the days ticked; one that ends at or before its start runs past midnight.
      </p>
    </div>
  );
}
