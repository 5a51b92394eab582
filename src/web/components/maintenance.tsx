import { useState, type SyntheticEvent } from 'react';
import type { MaintenanceWindow } from '../../core/schemas/alerting.js';
import { endMaintenance, scheduleMaintenance, useMaintenance } from '../api/alerting.js';
import { useWrite } from '../api/catalog.js';
import { useCurrentUser } from '../api/session.js';
import { ErrorBanner, Loading, fieldError } from './form.js';
import { formatShortTime, formatTime, timeUntil } from './format.js';
import { TextField } from './text-field.js';
import { FormActions } from './form-actions.js';
import { useUnsavedChanges } from './unsaved-changes.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';

/** `YYYY-MM-DDTHH:mm` in local time, as a datetime-local input wants it. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value as ISO-8601 UTC, or '' when empty or invalid. */
function fromLocalInput(value: string): string {
  const date = new Date(value);
  return value && !Number.isNaN(date.getTime()) ? date.toISOString() : '';
}

/** "for 2 h", "for 45 min", "for 3 days". */
function duration(fromIso: string, toIso: string): string {
  const minutes = Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60_000);
  if (minutes < 90) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}

/** A service's maintenance windows: current and upcoming, schedule, end or cancel. */
export function Maintenance({ serviceId }: { serviceId: number }) {
  const windows = useMaintenance(serviceId);
  const { canWrite } = useCurrentUser();
  const end = useWrite(endMaintenance, ['maintenance', 'alerts']);
  const onEnd = (w: MaintenanceWindow) => {
    const question = w.isActive
      ? 'End this maintenance window now? Alerts open incidents again from now on.'
      : 'Cancel this scheduled maintenance window?';
    if (window.confirm(question)) end.mutate(w.id);
  };

  return (
    <>
      {canWrite ? <ScheduleForm serviceId={serviceId} /> : null}
      <section className="card" aria-label="Maintenance windows">
        <h2 className="card-title">Current and upcoming</h2>
        <p className="muted">
          During maintenance, alerts of this service are recorded but open no incident and page nobody.
        </p>
        <ErrorBanner error={windows.error ?? end.error} />
        {windows.isPending ? <Loading what="Loading maintenance windows" /> : null}
        {windows.data?.length === 0 ? <p className="muted empty-line">No maintenance scheduled.</p> : null}
        <ul className="plain-list">
          {(windows.data ?? []).map((w) => (
            <li key={w.id} className="mw-item" data-testid="maintenance-window">
              <div className="mw-main">
                <div className="mw-when">
                  {w.isActive ? (
                    <span className="badge status-monitoring">
                      <span className="dot" aria-hidden="true" />
                      In progress
                    </span>
                  ) : (
                    <span className="badge">Scheduled</span>
                  )}
                  <span title={`${formatTime(w.startsAt)} – ${formatTime(w.endsAt)}`}>
                    {formatShortTime(w.startsAt)} – {formatShortTime(w.endsAt)}
                  </span>
                  <span className="muted">
                    ({duration(w.startsAt, w.endsAt)}
                    {w.isActive ? `, ends ${timeUntil(w.endsAt)}` : `, starts ${timeUntil(w.startsAt)}`})
                  </span>
                </div>
                {w.reason ? <p className="mw-reason">{w.reason}</p> : null}
              </div>
              {canWrite ? (
                <button
                  type="button"
                  className="button small danger-outline"
                  disabled={end.isPending}
                  onClick={() => onEnd(w)}
                >
                  {w.isActive ? 'End now' : 'Cancel'}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/** Schedule a window: start (default now), end (default in an hour), reason. */
function ScheduleForm({ serviceId }: { serviceId: number }) {
  const schedule = useWrite(scheduleMaintenance, ['maintenance']);
  const [startsAt, setStartsAt] = useState(() => toLocalInput(new Date()));
  const [endsAt, setEndsAt] = useState(() => toLocalInput(new Date(Date.now() + 60 * 60_000)));
  const [reason, setReason] = useState('');
  // The times come filled in: the form holds edits once a reason is typed.
  useUnsavedChanges(reason.trim() !== '');
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    schedule.mutate(
      {
        serviceId,
        startsAt: fromLocalInput(startsAt),
        endsAt: fromLocalInput(endsAt),
        reason: reason.trim(),
      },
      { onSuccess: () => setReason('') },
    );
  };
  return (
    <form className="card form-grid four" onSubmit={submit} noValidate aria-label="Schedule maintenance">
      <h2 className="card-title span-all">Schedule maintenance</h2>
      <div className="span-all">
        <ErrorBanner error={schedule.error} shownFields={['startsAt', 'endsAt', 'reason']} />
      </div>
      <TextField
        label="Starts"
        error={fieldError(schedule.error, 'startsAt')}
        type="datetime-local"
        value={startsAt}
        onChange={(e) => setStartsAt(e.target.value)}
      />
      <TextField
        label="Ends"
        error={fieldError(schedule.error, 'endsAt')}
        type="datetime-local"
        value={endsAt}
        onChange={(e) => setEndsAt(e.target.value)}
      />
      <TextField
        label="Reason"
        className="span-2"
        error={fieldError(schedule.error, 'reason')}
        placeholder="Database upgrade"
        limit={TEXT_LIMITS.reason}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <FormActions
        submitLabel="Schedule"
        pendingLabel="Scheduling…"
        isPending={schedule.isPending}
        className="span-all"
      >
        {schedule.isSuccess ? <span className="ok-text">Scheduled.</span> : null}
      </FormActions>
    </form>
  );
}
