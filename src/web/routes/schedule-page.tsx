import { useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { FinalSchedule, Schedule } from '../../core/schemas/oncall.js';
import { useUsers } from '../api/catalog.js';
import { useDeleteSchedule, useFinalSchedule, useSchedule } from '../api/oncall.js';
import { useCurrentUser } from '../api/session.js';
import { ErrorBanner, Loading } from '../components/form.js';
import { RecordHeader } from '../components/record-header.js';
import { formatTime, timeUntil } from '../components/format.js';
import { ScheduleCalendarUrl } from '../components/schedule-calendar.js';
import { ScheduleForm } from '../components/schedule-form.js';
import {
  browserTimeZone,
  formatDayTime,
  personColors,
  sourceLabel,
  startOfLocalDay,
  useNow,
} from '../components/schedule-format.js';
import { LayerSummary } from '../components/schedule-layer-summary.js';
import { OverrideForm, OverrideList } from '../components/schedule-overrides.js';
import { SchedulePerson } from '../components/schedule-person.js';
import { ScheduleTimeline } from '../components/schedule-timeline.js';
import { DeleteButton } from '../components/delete-button.js';
import '../styles/oncall.css';

const WINDOW_DAYS = 14;
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric' });
const formatDay = (date: Date) => dayFormat.format(date);

/** One schedule: who is on call, a two-week timeline, overrides, layers and the calendar feed. */
export function SchedulePage() {
  const { id = '' } = useParams();
  const schedule = useSchedule(id);
  const { canWrite, isAdmin } = useCurrentUser();
  const [isEditing, setEditing] = useState(false);
  const remove = useDeleteSchedule();
  const navigate = useNavigate();

  if (schedule.isPending) return <Loading what="Loading schedule" />;
  if (!schedule.data) return <ErrorBanner error={schedule.error} />;
  const s = schedule.data;
  const onDelete = () => {
    if (!window.confirm(`Delete the schedule “${s.name}”? Escalation policies naming it stop paging it.`))
      return;
    remove.mutate(s.id, { onSuccess: () => void navigate('/oncall/schedules') });
  };

  return (
    <>
      <div className="crumbs">
        <Link to="/oncall/schedules">On-call schedules</Link> / {s.name}
      </div>
      <RecordHeader
        title={s.name}
        subtitle={
          <p className="muted schedule-sub">
            {s.timeZone}
            {s.description ? ` · ${s.description}` : ''}
          </p>
        }
        actions={
          <div className="button-group">
            {canWrite && !isEditing ? (
              <button type="button" className="button" onClick={() => setEditing(true)}>
                Edit layers
              </button>
            ) : null}
            {isAdmin ? <DeleteButton onClick={onDelete} isPending={remove.isPending} /> : null}
          </div>
        }
        error={remove.error}
      />
      {isEditing ? <ScheduleForm schedule={s} onDone={() => setEditing(false)} /> : null}
      <ScheduleBody schedule={s} canWrite={canWrite} />
    </>
  );
}

function ScheduleBody({ schedule: s, canWrite }: { schedule: Schedule; canWrite: boolean }) {
  const users = useUsers();
  const now = useNow();
  const [offsetDays, setOffsetDays] = useState(0);
  const [picked, setPicked] = useState<{ start: string; end: string } | null>(null);
  const overridesRef = useRef<HTMLElement>(null);
  const from = startOfLocalDay(new Date(now), offsetDays);
  const to = startOfLocalDay(from, WINDOW_DAYS);
  const final = useFinalSchedule(String(s.id), from, to);
  const colors = personColors([
    ...s.layers.flatMap((l) => l.participants),
    ...s.overrides.map((o) => o.userId),
    ...(final.data?.shifts.map((shift) => shift.userId) ?? []),
  ]);
  // Only what is still to come matters: a gap earlier today pages nobody any more.
  const comingGaps = (final.data?.gaps ?? [])
    .filter((gap) => Date.parse(gap.end) > now)
    .map((gap) => ({ ...gap, start: new Date(Math.max(Date.parse(gap.start), now)).toISOString() }));
  const pick = (shift: { start: string; end: string }) => {
    setPicked(shift);
    overridesRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  return (
    <>
      <div className="schedule-top">
        <NowCard schedule={s} final={final.data} colors={colors} now={now} />
        <section className="card" aria-label="Calendar feed">
          <h2 className="card-title">Calendar feed</h2>
          <ScheduleCalendarUrl url={s.calendarUrl} label="Schedule calendar URL" />
        </section>
      </div>
      <section className="card" aria-label="Timeline">
        <div className="card-head timeline-head">
          <div>
            <h2 className="card-title">
              {offsetDays === 0
                ? 'Next two weeks'
                : `${formatDay(from)} – ${formatDay(startOfLocalDay(to, -1))}`}
            </h2>
            <p className="muted tl-caption">
              Times in your zone ({browserTimeZone()}).
              {canWrite ? ' Click a shift to override it.' : ''}
            </p>
          </div>
          <div className="button-group">
            <button type="button" className="button small" onClick={() => setOffsetDays(offsetDays - 7)}>
              ← Week
            </button>
            <button
              type="button"
              className="button small"
              disabled={offsetDays === 0}
              onClick={() => setOffsetDays(0)}
            >
              Today
            </button>
            <button type="button" className="button small" onClick={() => setOffsetDays(offsetDays + 7)}>
              Week →
            </button>
          </div>
        </div>
        <ErrorBanner error={final.error} />
        {final.data ? (
          <ScheduleTimeline
            final={final.data}
            overrides={s.overrides}
            colors={colors}
            now={now}
            onPickShift={canWrite ? pick : undefined}
          />
        ) : (
          <Loading what="Loading shifts" />
        )}
        {comingGaps.length > 0 ? (
          <p className="alert alert-warning tl-gaps" role="status">
            Nobody will be on call for {comingGaps.length} {comingGaps.length === 1 ? 'stretch' : 'stretches'}{' '}
            in this window, from {formatTime(comingGaps[0]?.start ?? '')} (shown hatched): pages to this
            schedule reach no one then.
          </p>
        ) : null}
      </section>
      <section className="card" aria-label="Overrides" ref={overridesRef}>
        <h2 className="card-title">Overrides</h2>
        <OverrideList scheduleId={s.id} overrides={s.overrides} colors={colors} canWrite={canWrite} />
        {canWrite ? (
          <OverrideForm
            key={picked ? `${picked.start}-${picked.end}` : 'default'}
            scheduleId={s.id}
            users={users.data ?? []}
            initial={picked}
          />
        ) : null}
      </section>
      <section className="card" aria-label="Layers">
        <h2 className="card-title">Layers</h2>
        <LayerSummary schedule={s} users={users.data ?? []} colors={colors} />
      </section>
    </>
  );
}

function NowCard({
  schedule: s,
  final,
  colors,
  now,
}: {
  schedule: Schedule;
  final: FinalSchedule | undefined;
  colors: ReadonlyMap<number, string>;
  now: number;
}) {
  const until = s.onCall.until;
  const next = until ? final?.shifts.find((shift) => shift.start === until) : undefined;
  return (
    <section className="card now-card" aria-label="On call now" data-testid="on-call-now">
      <h2 className="card-title">On call now</h2>
      <div className="now-person">
        <SchedulePerson
          name={s.onCall.userName}
          color={s.onCall.userId ? colors.get(s.onCall.userId) : undefined}
          detail={s.onCall.source === null ? undefined : sourceLabel(s.onCall.source)}
        />
      </div>
      <p className="muted">
        {until ? (
          <>
            until {formatDayTime(until)} ({timeUntil(until, now)})
          </>
        ) : (
          'no handoff within a year'
        )}
      </p>
      {next ? (
        <p>
          Next: <strong>{next.userName}</strong>
          <span className="muted"> · {sourceLabel(next.source)}</span>
        </p>
      ) : null}
      {s.onCall.userId === null ? (
        <p className="alert alert-warning">
          Nobody is on call right now: pages to this schedule reach no one.
        </p>
      ) : null}
    </section>
  );
}
