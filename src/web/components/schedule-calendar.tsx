import { CopyButton } from './copy.js';

/** A secret iCalendar feed URL, read-only, with a copy button and how to use it. */
export function ScheduleCalendarUrl({ url, label }: { url: string; label: string }) {
  return (
    <div className="calendar-url">
      <div className="secret-row">
        <input readOnly value={url} aria-label={label} onFocus={(e) => e.target.select()} />
        <CopyButton text={url} what={label} />
      </div>
      <p className="field-hint">
        Subscribe from Google Calendar (“From URL”), Outlook (“Subscribe from web”) or Apple Calendar (“New
        Calendar Subscription”). Anyone with this link can read the shifts: share it like a password.
      </p>
    </div>
  );
}
