import type { Command } from 'commander';
import type { OnCallNow, Schedule } from '../core/schemas/oncall.js';
import { ApiClient, withApiOptions } from './api-client.js';
import { findSchedule, formatOnCall, listUsers, timeOption } from './oncall-format.js';
import { globalsOf, writeJson, writeLine } from './output.js';

interface OnCallOptions {
  schedule?: string;
  at?: string;
}

/** `beacon oncall`: who is on call now (or at `--at`), on every schedule or one. */
export function registerOncall(program: Command): void {
  withApiOptions(
    program
      .command('oncall')
      .description('who is on call now, or at another time, on every schedule or one')
      .option('--schedule <schedule>', 'only this schedule (id or name)')
      .option(
        '--at <time>',
        'at this time instead of now: ISO-8601, or +2h / -30m / +1d from now',
        timeOption,
      ),
  )
    .addHelpText(
      'after',
      `
Examples:
  beacon oncall
  beacon oncall --schedule "Platform primary" --at 2026-03-07T03:00+01:00
  beacon oncall --at +12h --json | jq -r '.items[] | "\\(.scheduleName): \\(.userName)"'`,
    )
    .action(async (options: OnCallOptions, command: Command) => {
      const globals = globalsOf(command);
      const api = new ApiClient(globals);
      const items = await whoIsOnCall(api, options);
      if (globals.json) return writeJson({ items });
      writeLine(formatOnCall(items, await listUsers(api)));
    });
}

async function whoIsOnCall(api: ApiClient, options: OnCallOptions): Promise<OnCallNow[]> {
  const at = (id: number) => api.get<OnCallNow>(`/schedules/${id}/oncall`, { at: options.at });
  if (options.schedule !== undefined) return [await at((await findSchedule(api, options.schedule)).id)];
  if (options.at === undefined) return (await api.get<{ items: OnCallNow[] }>('/oncall')).items;
  const { items } = await api.get<{ items: Schedule[] }>('/schedules');
  return Promise.all(items.map((schedule) => at(schedule.id)));
}
