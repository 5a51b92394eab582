import { useState, type SyntheticEvent } from 'react';
import type { User } from '../../core/schemas/access.js';
import type { ScheduleOverride } from '../../core/schemas/oncall.js';
import { useAddOverride, useRemoveOverride } from '../api/oncall.js';
import { ErrorBanner, Field, fieldError } from './form.js';
import { formatDuration, formatRange, fromLocalInput, toLocalInput } from './schedule-format.js';
import { SchedulePerson } from './schedule-person.js';
import { TextField } from './text-field.js';
import { ActiveUserOptions } from './user-options.js';
import { useUnsavedChanges } from './unsaved-changes.js';

interface ListProps {
  scheduleId: number;
  overrides: readonly ScheduleOverride[];
  colors: ReadonlyMap<number, string>;
  canWrite: boolean;
}

/** The overrides that have not ended yet, each removable by responders. */
export function OverrideList({ scheduleId, overrides, colors, canWrite }: ListProps) {
  const remove = useRemoveOverride(scheduleId);
  if (overrides.length === 0) return <p className="muted">No upcoming overrides.</p>;
  return (
    <>
      <ErrorBanner error={remove.error} />
      <ul className="override-list" aria-label="Upcoming overrides">
        {overrides.map((o) => (
          <li key={o.id} data-testid="override">
            <SchedulePerson
              name={o.userName}
              color={colors.get(o.userId)}
              detail={`${formatRange(o.start, o.end)} · ${formatDuration(Date.parse(o.end) - Date.parse(o.start))}`}
            />
            {canWrite ? (
              <button
                type="button"
                className="button small danger-outline"
                disabled={remove.isPending}
                aria-label={`Remove the override of ${o.userName} from ${formatRange(o.start, o.end)}`}
                onClick={() => {
                  if (window.confirm(`Remove ${o.userName}'s override (${formatRange(o.start, o.end)})?`))
                    remove.mutate(o.id);
                }}
              >
                Remove
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

interface FormProps {
  scheduleId: number;
  users: readonly User[];
  /** Start and end to fill in (a shift picked on the timeline); default: from now for an hour. */
  initial: { start: string; end: string } | null;
}

/** Put someone on call over every layer for a range given in the browser's time zone. */
export function OverrideForm({ scheduleId, users, initial }: FormProps) {
  const add = useAddOverride(scheduleId);
  const [userId, setUserId] = useState('');
  const [start, setStart] = useState(() => toLocalInput(initial ? new Date(initial.start) : thisMinute()));
  const [end, setEnd] = useState(() =>
    toLocalInput(initial ? new Date(initial.end) : new Date(thisMinute().getTime() + 3_600_000)),
  );
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);
  // The times come filled in: the form holds edits once someone is chosen to cover.
  useUnsavedChanges(userId !== '');
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const [startIso, endIso] = [fromLocalInput(start), fromLocalInput(end)];
    const local = !userId
      ? { field: 'userId', message: 'Choose who covers' }
      : !startIso
        ? { field: 'start', message: 'Enter when the override starts' }
        : !endIso
          ? { field: 'end', message: 'Enter when the override ends' }
          : endIso <= startIso
            ? { field: 'end', message: 'The end must be after the start' }
            : null;
    setProblem(local);
    if (local || !startIso || !endIso) return;
    add.mutate({ userId: Number(userId), start: startIso, end: endIso }, { onSuccess: () => setUserId('') });
  };
  const errorOf = (field: string) =>
    problem?.field === field ? problem.message : fieldError(add.error, field);

  return (
    <form className="override-form" onSubmit={submit} noValidate aria-label="Add override">
      <ErrorBanner error={add.error} shownFields={['userId', 'start', 'end']} />
      {add.isSuccess ? (
        <p className="alert alert-ok" role="status">
          Override added.
        </p>
      ) : null}
      <div className="inline-form override-fields">
        <Field label="Who covers" error={errorOf('userId')}>
          {(id, d) => (
            <select id={id} aria-describedby={d} value={userId} onChange={(e) => setUserId(e.target.value)}>
              <option value="">Choose a person…</option>
              <ActiveUserOptions users={users} />
            </select>
          )}
        </Field>
        <TextField
          label="Start"
          error={errorOf('start')}
          type="datetime-local"
          value={start}
          onChange={(e) => setStart(e.target.value)}
        />
        <TextField
          label="End"
          error={errorOf('end')}
          type="datetime-local"
          value={end}
          onChange={(e) => setEnd(e.target.value)}
        />
        <button type="submit" className="button primary" disabled={add.isPending}>
          Add override
        </button>
      </div>
      <p className="field-hint">Times are in your time zone ({zone}).</p>
    </form>
  );
}

/** Now, to the minute: an override usually starts at once (someone takes over). */
function thisMinute(): Date {
  const date = new Date();
  date.setSeconds(0, 0);
  return date;
}
