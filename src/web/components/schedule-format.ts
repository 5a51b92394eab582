/** Display helpers for on-call schedules: person colours, shift times, local date-time inputs. */
import { useEffect, useState } from 'react';
import type { User } from '../../core/schemas/access.js';

/** Distinct, readable-with-white-text colours, one per person on a page. */
const PERSON_COLORS = [
  '#4b4fd6',
  '#128a4a',
  '#c2410c',
  '#0e7490',
  '#a21caf',
  '#b45309',
  '#1d4ed8',
  '#be123c',
  '#4d7c0f',
  '#6d28d9',
  '#0f766e',
  '#9f1239',
];

/** A colour per user id, given in order of first appearance, so people on one page never share one. */
export function personColors(userIds: Iterable<number>): Map<number, string> {
  const colors = new Map<number, string>();
  for (const id of userIds) {
    if (!colors.has(id)) colors.set(id, PERSON_COLORS[colors.size % PERSON_COLORS.length] ?? '#4b4fd6');
  }
  return colors;
}

/** "Layer 2" or "Override": where a shift comes from. */
export function sourceLabel(source: number | 'override' | null): string {
  if (source === null) return '—';
  return source === 'override' ? 'Override' : `Layer ${source + 1}`;
}

/** How to name a user: their name, else their email, else "user 7". */
export function userLabel(user: Pick<User, 'name' | 'email'> | undefined, fallback: string): string {
  return user?.name || user?.email || fallback;
}

const dayTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayLabel = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric' });
const monthDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/** "Mon, Mar 2, 9:00 AM" in the browser's zone. */
export function formatDayTime(iso: string | Date): string {
  return dayTime.format(typeof iso === 'string' ? new Date(iso) : iso);
}

/** "Mon, Mar 2, 9:00 AM – 5:00 PM", or with both days when the range crosses midnight. */
export function formatRange(start: string | Date, end: string | Date): string {
  const [from, to] = [new Date(start), new Date(end)];
  const isSameDay = from.toDateString() === to.toDateString();
  return `${dayTime.format(from)} – ${isSameDay ? timeOnly.format(to) : dayTime.format(to)}`;
}

/** "Mon 2" for a timeline's day column, "Mar 2" on the first of a month. */
export function formatDayLabel(date: Date): string {
  return date.getDate() === 1 ? monthDay.format(date) : dayLabel.format(date);
}

/** "3d 4h", "12h", "45m": the length of a shift. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours < 24) return rest ? `${hours}h ${rest}m` : `${hours}h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days}d ${hours % 24}h` : `${days}d`;
}

/** Midnight at the start of `date`'s day in the browser's zone, moved by `days` local days. */
export function startOfLocalDay(date: Date, days = 0): Date {
  const day = new Date(date);
  day.setHours(0, 0, 0, 0);
  day.setDate(day.getDate() + days);
  return day;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The value a `datetime-local` input shows for `date` in the browser's zone ("2026-03-02T09:00"). */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The instant a `datetime-local` value names in the browser's zone, as ISO-8601 UTC; null when empty or bad. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  // A date-time without an offset is local time (ECMAScript date-time string format).
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Today's date in the browser's zone as YYYY-MM-DD. */
export function localToday(): string {
  return toLocalInput(new Date()).slice(0, 10);
}

/** The browser's IANA time zone. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The current time, re-rendered every `everyMs` (the "now" marker and "in 3h" labels move on their own). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
