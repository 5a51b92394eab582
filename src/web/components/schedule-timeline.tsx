import type { CSSProperties } from 'react';
import type { FinalSchedule, ScheduleOverride, ShiftView } from '../../core/schemas/oncall.js';
import {
  formatDayLabel,
  formatDuration,
  formatRange,
  sourceLabel,
  startOfLocalDay,
} from './schedule-format.js';

/** One bar on a row: a person's shift, or a stretch with nobody on call. */
interface Bar {
  start: string;
  end: string;
  userId: number | null;
  name: string;
  source: ShiftView['source'] | null;
  /** The shift began before the window (the bar is cut at its start). */
  continuesBefore?: boolean | undefined;
  /** The shift goes on after the window (the bar is cut at its end). */
  continuesAfter?: boolean | undefined;
}

interface Row {
  key: string;
  label: string;
  bars: Bar[];
}

interface Props {
  final: FinalSchedule;
  overrides: readonly ScheduleOverride[];
  colors: ReadonlyMap<number, string>;
  now: number;
  /** Called with a shift the user clicked (to override it); bars are plain when absent. */
  onPickShift?: ((shift: { start: string; end: string }) => void) | undefined;
}

/** The schedule over a window: one row per layer, the overrides, and the final "who is on call" row. */
export function ScheduleTimeline({ final, overrides, colors, now, onPickShift }: Props) {
  const from = Date.parse(final.from);
  const to = Date.parse(final.to);
  const at = (iso: string | number) => {
    const ms = typeof iso === 'number' ? iso : Date.parse(iso);
    return Math.min(1, Math.max(0, (ms - from) / (to - from)));
  };
  const days = dayStarts(from, to);
  const rows = rowsOf(final, overrides);
  const isNowShown = now >= from && now < to;

  return (
    <div className="tl-scroll" tabIndex={0} aria-label="Timeline, scrolls sideways">
      <div className="tl-grid">
        <div className="tl-row tl-head" aria-hidden="true">
          <div className="tl-label" />
          <div className="tl-track">
            {days.map((day) => (
              <span key={day} className="tl-day" style={{ left: pct(at(day)) }}>
                {formatDayLabel(new Date(day))}
              </span>
            ))}
          </div>
        </div>
        {rows.map((row) => (
          <div
            key={row.key}
            className={`tl-row${row.key === 'final' ? ' tl-final' : ''}`}
            data-testid={`timeline-${row.key}`}
            role="list"
            aria-label={row.label}
          >
            <div className="tl-label">{row.label}</div>
            <div className="tl-track">
              {row.bars.length === 0 ? <span className="tl-empty">nobody in this window</span> : null}
              {row.bars.map((bar) => (
                <TimelineBar
                  key={`${bar.start}-${bar.userId ?? 'gap'}`}
                  bar={bar}
                  left={at(bar.start)}
                  width={at(bar.end) - at(bar.start)}
                  color={bar.userId === null ? undefined : colors.get(bar.userId)}
                  onPick={onPickShift && bar.userId !== null ? onPickShift : undefined}
                />
              ))}
            </div>
          </div>
        ))}
        {days.slice(1).map((day) => (
          <span key={day} className="tl-gridline" style={{ '--at': at(day) } as CSSProperties} />
        ))}
        {isNowShown ? (
          <span className="tl-now" style={{ '--at': at(now) } as CSSProperties} data-testid="timeline-now">
            <span className="tl-now-label">now</span>
          </span>
        ) : null}
      </div>
    </div>
  );
}

interface BarProps {
  bar: Bar;
  left: number;
  width: number;
  color: string | undefined;
  onPick: ((shift: { start: string; end: string }) => void) | undefined;
}

function TimelineBar({ bar, left, width, color, onPick }: BarProps) {
  const isGap = bar.userId === null;
  const cut = [
    bar.continuesBefore ? 'began before this window' : null,
    bar.continuesAfter ? 'goes on after this window' : null,
  ].filter(Boolean);
  const detail = `${bar.name}: ${formatRange(bar.start, bar.end)} (${formatDuration(Date.parse(bar.end) - Date.parse(bar.start))}${cut.length > 0 ? ` shown; ${cut.join(', ')}` : ''})${bar.source === null ? '' : `, ${sourceLabel(bar.source)}`}`;
  const className = `tl-bar${isGap ? ' tl-gap' : ''}${bar.source === 'override' ? ' tl-override' : ''}`;
  const content = (
    <span className="tl-bar-name">
      {bar.continuesBefore ? <span aria-hidden="true">‹ </span> : null}
      {bar.name}
      {bar.continuesAfter ? <span aria-hidden="true"> ›</span> : null}
    </span>
  );
  return (
    <span role="listitem" className="tl-item" style={{ left: pct(left), width: pct(width) }}>
      {onPick ? (
        <button
          type="button"
          className={className}
          style={color ? { backgroundColor: color } : undefined}
          title={`${detail} — click to override`}
          aria-label={`${detail}. Override this shift`}
          data-source={bar.source ?? 'gap'}
          onClick={() => onPick({ start: bar.start, end: bar.end })}
        >
          {content}
        </button>
      ) : (
        <span
          className={className}
          style={color ? { backgroundColor: color } : undefined}
          title={detail}
          aria-label={detail}
          data-source={bar.source ?? 'gap'}
        >
          {content}
        </span>
      )}
    </span>
  );
}

function rowsOf(final: FinalSchedule, overrides: readonly ScheduleOverride[]): Row[] {
  const shiftBars = (shifts: readonly ShiftView[]): Bar[] =>
    shifts.map((s) => ({
      start: s.start,
      end: s.end,
      userId: s.userId,
      name: s.userName,
      source: s.source,
      continuesBefore: s.continuesBefore,
      continuesAfter: s.continuesAfter,
    }));
  const rows: Row[] = final.layers.map((layer) => ({
    key: `layer-${layer.index + 1}`,
    label: `Layer ${layer.index + 1}`,
    bars: shiftBars(layer.shifts),
  }));
  const from = Date.parse(final.from);
  const to = Date.parse(final.to);
  const shown = overrides.filter((o) => Date.parse(o.end) > from && Date.parse(o.start) < to);
  if (shown.length > 0) {
    rows.push({
      key: 'overrides',
      label: 'Overrides',
      bars: shown.map((o) => ({
        start: new Date(Math.max(from, Date.parse(o.start))).toISOString(),
        end: new Date(Math.min(to, Date.parse(o.end))).toISOString(),
        userId: o.userId,
        name: o.userName,
        source: 'override',
      })),
    });
  }
  const gaps: Bar[] = final.gaps.map((g) => ({ ...g, userId: null, name: 'Nobody', source: null }));
  rows.push({
    key: 'final',
    label: 'On call',
    bars: [...shiftBars(final.shifts), ...gaps].sort((a, b) => Date.parse(a.start) - Date.parse(b.start)),
  });
  return rows;
}

/** Local midnights from the day of `from` up to `to` (23 or 25 hours apart across DST). */
function dayStarts(from: number, to: number): number[] {
  const days: number[] = [];
  for (let day = startOfLocalDay(new Date(from)); day.getTime() < to; day = startOfLocalDay(day, 1)) {
    if (day.getTime() >= from) days.push(day.getTime());
  }
  return days;
}

function pct(fraction: number): string {
  return `${(fraction * 100).toFixed(4)}%`;
}
