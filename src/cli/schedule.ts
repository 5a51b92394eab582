import { type Command, InvalidArgumentError } from 'commander';
import type { User } from '../core/schemas/access.js';
import type { FinalSchedule, Schedule } from '../core/schemas/oncall.js';
import { ApiClient, withApiOptions } from './api-client.js';
import { formatFields, formatTable } from './format-table.js';
import { findSchedule, formatIn, formatSource, formatWhen, listUsers } from './oncall-format.js';
import { globalsOf, writeJson, writeLine } from './output.js';
import { registerScheduleOverride } from './schedule-override.js';

const DAY_MS = 86_400_000;

/** `beacon schedule …`: on-call schedules and their overrides through the HTTP API. */
export function registerSchedule(program: Command): void {
  const schedule = withApiOptions(
    program
      .command('schedule')
      .description('list on-call schedules, show their shifts, add and remove overrides'),
  );
  schedule
    .command('list')
    .alias('ls')
    .description('every schedule with who is on call now and the next handoff')
    .action(async (_options: unknown, command: Command) => {
      const globals = globalsOf(command);
      const { items } = await new ApiClient(globals).get<{ items: Schedule[] }>('/schedules');
      if (globals.json) return writeJson({ items });
      writeLine(formatScheduleList(items));
    });
  schedule
    .command('show')
    .description("a schedule's layers and overrides, and its final shifts over the next two weeks")
    .argument('<schedule>', 'schedule id or name')
    .option('--days <n>', 'how many days of shifts (1-92, default 14)', daysOption, 14)
    .action(async (ref: string, options: { days: number }, command: Command) => {
      const globals = globalsOf(command);
      const api = new ApiClient(globals);
      const found = await findSchedule(api, ref);
      const from = Date.now();
      const [final, users] = await Promise.all([
        api.get<FinalSchedule>(`/schedules/${found.id}/final`, {
          from: new Date(from).toISOString(),
          to: new Date(from + options.days * DAY_MS).toISOString(),
        }),
        listUsers(api),
      ]);
      if (globals.json) return writeJson({ ...found, final });
      writeLine(formatScheduleDetails(found, users));
      writeLine('');
      writeLine(`Shifts, next ${options.days} days (times in ${found.timeZone}):`);
      writeLine(formatShifts(final, found.timeZone));
    });
  registerScheduleOverride(schedule);
  schedule.addHelpText(
    'after',
    `
Examples:
  beacon schedule list
  beacon schedule show "Platform primary" --days 7
  beacon schedule override add 3 --user ana@example.com --start 2026-03-07T09:00+01:00 --end +2d
  beacon schedule override remove 3 12`,
  );
}

function daysOption(value: string): number {
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 92) throw new InvalidArgumentError('must be 1 to 92');
  return days;
}

/** The schedule list as a table. */
export function formatScheduleList(items: readonly Schedule[], now = Date.now()): string {
  if (items.length === 0) return 'no schedules';
  return formatTable(items, [
    { header: 'ID', value: (s) => String(s.id), align: 'right' },
    { header: 'NAME', value: (s) => s.name, maxWidth: 40 },
    { header: 'TIME ZONE', value: (s) => s.timeZone },
    { header: 'LAYERS', value: (s) => String(s.layers.length), align: 'right' },
    { header: 'ON CALL', value: (s) => s.onCall.userName ?? 'nobody', maxWidth: 30 },
    {
      header: 'UNTIL',
      value: (s) =>
        s.onCall.until ? `${formatWhen(s.onCall.until)} (${formatIn(s.onCall.until, now)})` : '-',
    },
  ]);
}

/** A schedule's settings, layers and upcoming overrides, one per line. */
export function formatScheduleDetails(schedule: Schedule, users: readonly User[]): string {
  const names = new Map(users.map((u) => [u.id, u.name || u.email]));
  const zone = schedule.timeZone;
  const onCall = schedule.onCall;
  const layers = schedule.layers.map((layer, i) => {
    const every =
      layer.rotation.kind === 'custom' ? `every ${layer.rotation.shiftHours}h` : layer.rotation.kind;
    const windows = (layer.restrictions ?? []).map((r) => `${r.days.join(',')} ${r.start}-${r.end}`);
    const people = layer.participants.map((id) => names.get(id) ?? `user ${id}`).join(', ');
    return `${i + 1}. ${every}, handoff ${layer.handoffTime} from ${layer.startDate}${
      layer.endDate ? ` to ${layer.endDate}` : ''
    }${windows.length ? `, only ${windows.join('; ')}` : ''}: ${people}`;
  });
  const overrides = schedule.overrides.map(
    (o) => `#${o.id} ${o.userName}: ${formatWhen(o.start, zone)} to ${formatWhen(o.end, zone)}`,
  );
  return formatFields([
    ['ID', String(schedule.id)],
    ['Name', schedule.name],
    ['Description', schedule.description],
    ['Time zone', zone],
    [
      'On call',
      onCall.userName === null
        ? 'nobody'
        : `${onCall.userName} (${formatSource(onCall.source)})${
            onCall.until ? ` until ${formatWhen(onCall.until, zone)}` : ''
          }`,
    ],
    ['Layers', layers.join('\n')],
    ['Overrides', overrides.join('\n')],
    ['Calendar', schedule.calendarUrl],
  ]);
}

/** The final shifts and the gaps with nobody on call, in time order, in the schedule's zone. */
export function formatShifts(final: FinalSchedule, timeZone: string): string {
  const rows = [
    ...final.shifts.map((s) => ({
      start: s.start,
      end: s.end,
      who: s.userName,
      via: formatSource(s.source),
    })),
    ...final.gaps.map((g) => ({ start: g.start, end: g.end, who: 'nobody', via: '-' })),
  ].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  if (rows.length === 0) return 'no shifts';
  return formatTable(rows, [
    { header: 'START', value: (r) => formatWhen(r.start, timeZone, false) },
    { header: 'END', value: (r) => formatWhen(r.end, timeZone, false) },
    { header: 'ON CALL', value: (r) => r.who, maxWidth: 30 },
    { header: 'VIA', value: (r) => r.via },
  ]);
}
