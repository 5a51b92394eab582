import { InvalidArgumentError } from 'commander';
import type { User } from '../core/schemas/access.js';
import type { OnCallNow, Schedule } from '../core/schemas/oncall.js';
import type { ApiClient } from './api-client.js';
import { CliError } from './cli-error.js';
import { formatTable } from './format-table.js';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const RELATIVE = /^([+-])(\d+)([mhdw])$/;
const ISO_LIKE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * An instant from the command line, as ISO-8601 UTC: `now`, `+2h` / `-30m` / `+1d` / `+1w` from now,
 * or an ISO-8601 date-time (`2026-03-02T09:00Z`, `2026-03-02T09:00+01:00`, or without an offset
 * in this machine's local time; a bare date is local midnight).
 */
export function parseTime(value: string, now: number = Date.now()): string {
  const text = value.trim();
  if (text.toLowerCase() === 'now') return new Date(now).toISOString();
  const relative = RELATIVE.exec(text);
  if (relative) {
    const [, sign, amount, unit] = relative;
    const ms = Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
    return new Date(sign === '-' ? now - ms : now + ms).toISOString();
  }
  if (!ISO_LIKE.test(text)) {
    throw new InvalidArgumentError(
      'give "now", "+2h", "-30m", "+1d" or an ISO-8601 time like 2026-03-02T09:00Z',
    );
  }
  // A bare date parses as UTC in JavaScript; people mean their own midnight.
  const ms = Date.parse(text.length === 10 ? `${text}T00:00` : text.replace(' ', 'T'));
  if (Number.isNaN(ms)) throw new InvalidArgumentError(`"${value}" is not a valid date and time`);
  return new Date(ms).toISOString();
}

/** commander argParser for time options. */
export function timeOption(value: string): string {
  return parseTime(value);
}

/** "2026-03-02 09:00 CET" in `timeZone` (default this machine's), or without the zone name. */
export function formatWhen(iso: string, timeZone?: string, withZone = true): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    ...(timeZone ? { timeZone } : {}),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(withZone ? { timeZoneName: 'short' } : {}),
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const text = `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
  return withZone ? `${text} ${part('timeZoneName')}` : text;
}

/** "in 45m", "in 3h", "in 2d" until `iso`; "now" once it has passed. */
export function formatIn(iso: string, now: number = Date.now()): string {
  const minutes = Math.round((Date.parse(iso) - now) / 60_000);
  if (minutes <= 0) return 'now';
  if (minutes < 60) return `in ${minutes}m`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `in ${hours}h` : `in ${Math.round(hours / 24)}d`;
}

/** "layer 2", "override", or "-" when nobody is on call. */
export function formatSource(source: number | 'override' | null): string {
  if (source === null) return '-';
  return source === 'override' ? 'override' : `layer ${source + 1}`;
}

/** Who is on call on each schedule, as a table (emails from `users` when known; "in 3h" counts from `at`). */
export function formatOnCall(items: readonly OnCallNow[], users: readonly User[]): string {
  if (items.length === 0) return 'no schedules';
  const emails = new Map(users.map((u) => [u.id, u.email]));
  return formatTable(items, [
    { header: 'SCHEDULE', value: (i) => i.scheduleName, maxWidth: 40 },
    { header: 'ON CALL', value: (i) => i.userName ?? 'nobody', maxWidth: 30 },
    { header: 'EMAIL', value: (i) => (i.userId === null ? '-' : (emails.get(i.userId) ?? '-')) },
    { header: 'VIA', value: (i) => formatSource(i.source) },
    {
      header: 'UNTIL',
      value: (i) =>
        i.until
          ? `${formatWhen(i.until)} (${formatIn(i.until, Date.parse(i.at))})`
          : 'no change within a year',
    },
  ]);
}

/** A schedule by id, or by name (case-insensitive) when `ref` is not a number. */
export async function findSchedule(api: ApiClient, ref: string): Promise<Schedule> {
  if (/^\d+$/.test(ref)) return api.get<Schedule>(`/schedules/${ref}`);
  const { items } = await api.get<{ items: Schedule[] }>('/schedules');
  const found = items.find((s) => s.name.toLowerCase() === ref.trim().toLowerCase());
  if (found) return found;
  const known = items.map((s) => `${s.id} "${s.name}"`).join(', ');
  throw new CliError(`no schedule named "${ref}"${known ? ` (schedules: ${known})` : ''}`);
}

/** Every user, for names and emails. */
export async function listUsers(api: ApiClient): Promise<User[]> {
  return (await api.get<{ items: User[] }>('/users')).items;
}

/** A user by email (case-insensitive) or id, failing with the option named. */
export function findUser(users: readonly User[], ref: string, option: string): User {
  const wanted = ref.trim().toLowerCase();
  const user = /^\d+$/.test(wanted)
    ? users.find((u) => u.id === Number(wanted))
    : users.find((u) => u.email.toLowerCase() === wanted);
  if (!user) throw new CliError(`${option}: no user with email or id "${ref}"`);
  if (user.disabled) throw new CliError(`${option}: ${user.email} is disabled`);
  return user;
}
