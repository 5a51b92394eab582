import { useState } from 'react';
import { Link } from 'react-router';
import { useCalendarFeed, useMyShifts, useResetCalendarFeed } from '../api/oncall.js';
import { ErrorBanner, Loading } from '../components/form.js';
import { timeUntil } from '../components/format.js';
import { ScheduleCalendarUrl } from '../components/schedule-calendar.js';
import {
  browserTimeZone,
  formatDayTime,
  formatDuration,
  formatRange,
  sourceLabel,
  useNow,
} from '../components/schedule-format.js';
import { ScheduleTabs } from '../components/schedule-tabs.js';
import { DataTable } from '../components/data-table.js';
import '../styles/oncall.css';

const DAY_CHOICES = [7, 14, 30, 90];

/** The signed-in user's upcoming shifts on every schedule, and their personal calendar feed. */
export function MyShiftsPage() {
  const [days, setDays] = useState(14);
  const shifts = useMyShifts(days);
  const now = useNow();

  return (
    <>
      <div className="page-head">
        <h1>On-call</h1>
      </div>
      <ScheduleTabs />
      <section className="card" aria-label="My shifts">
        <div className="card-head">
          <h2 className="card-title">My shifts</h2>
          <label className="inline-select">
            <span className="label-text">Next</span>
            <select value={days} onChange={(e) => setDays(Number(e.target.value))} aria-label="How far ahead">
              {DAY_CHOICES.map((d) => (
                <option key={d} value={d}>
                  {d} days
                </option>
              ))}
            </select>
          </label>
        </div>
        <ErrorBanner error={shifts.error} />
        {shifts.isPending ? <Loading what="Loading your shifts" /> : null}
        {shifts.data?.length === 0 ? (
          <p className="muted">You have no shifts in the next {days} days.</p>
        ) : null}
        {shifts.data && shifts.data.length > 0 ? (
          <DataTable columns={['When', 'Schedule', 'Length', 'From']} className="my-shifts" isFlat>
            {shifts.data.map((shift) => {
              // The server starts the list at its own now, a moment after this page's clock.
              const isNow = Date.parse(shift.start) <= Math.max(now, Date.now());
              const length = Date.parse(shift.end) - Date.parse(shift.start);
              return (
                <tr key={`${shift.scheduleId}-${shift.start}`} data-testid="my-shift">
                  <td className="cell-main">
                    {isNow ? `Now until ${formatDayTime(shift.end)}` : formatRange(shift.start, shift.end)}
                    <span className="sub">
                      {isNow ? (
                        <span className="badge status-resolved">On call now</span>
                      ) : (
                        `starts ${timeUntil(shift.start, now)}`
                      )}
                    </span>
                  </td>
                  <td data-label="Schedule">
                    <Link to={`/oncall/schedules/${shift.scheduleId}`}>{shift.scheduleName}</Link>
                  </td>
                  <td data-label="Length">
                    {isNow ? `${formatDuration(length)} left` : formatDuration(length)}
                  </td>
                  <td data-label="From">{sourceLabel(shift.source)}</td>
                </tr>
              );
            })}
          </DataTable>
        ) : null}
        <p className="field-hint">Times are in your time zone ({browserTimeZone()}).</p>
      </section>
      <PersonalFeed />
    </>
  );
}

function PersonalFeed() {
  const feed = useCalendarFeed();
  const reset = useResetCalendarFeed();
  const url = feed.data ?? null;
  const [hadUrl, setHadUrl] = useState(false);
  const onReset = () => {
    if (url && !window.confirm('Reset your calendar URL? Calendars subscribed to the old one stop updating.'))
      return;
    setHadUrl(url !== null);
    reset.mutate();
  };
  return (
    <section className="card" aria-label="My calendar feed">
      <h2 className="card-title">My calendar feed</h2>
      <p className="muted">Your shifts on every schedule, in one calendar that updates itself.</p>
      <ErrorBanner error={feed.error ?? reset.error} />
      {feed.isPending ? <Loading what="Loading your calendar feed" /> : null}
      {url ? <ScheduleCalendarUrl url={url} label="My calendar URL" /> : null}
      {!feed.isPending ? (
        <button type="button" className="button" disabled={reset.isPending} onClick={onReset}>
          {url ? 'Reset URL' : 'Create calendar feed'}
        </button>
      ) : null}
      {reset.isSuccess && url ? (
        <p className="ok-text" role="status">
          {hadUrl ? 'New URL ready; the old one no longer works.' : 'Your calendar URL is ready.'}
        </p>
      ) : null}
    </section>
  );
}
