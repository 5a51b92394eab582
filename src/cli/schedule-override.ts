import type { Command } from 'commander';
import type { ScheduleOverride } from '../core/schemas/oncall.js';
import { ApiClient } from './api-client.js';
import { UsageError } from './cli-error.js';
import { formatTable } from './format-table.js';
import { findSchedule, findUser, formatWhen, listUsers, parseTime, timeOption } from './oncall-format.js';
import { globalsOf, writeJson, writeLine } from './output.js';

interface AddOptions {
  user: string;
  start?: string;
  end: string;
}

/** `beacon schedule override add|remove|list`: someone covers a time range over every layer. */
export function registerScheduleOverride(schedule: Command): void {
  const override = schedule
    .command('override')
    .description('put someone on call over every layer for a time range, or take it back');
  override
    .command('add')
    .description('put a person on call on a schedule from --start to --end')
    .argument('<schedule>', 'schedule id or name')
    .requiredOption('--user <email>', 'who covers (email or user id)')
    .option('--start <time>', 'ISO-8601, or +2h / -30m / +1d from now (default now)', timeOption)
    .requiredOption('--end <time>', 'ISO-8601, or +2h / +1d from now', timeOption)
    .action(async (ref: string, options: AddOptions, command: Command) => {
      const globals = globalsOf(command);
      const api = new ApiClient(globals);
      const start = options.start ?? parseTime('now');
      const [found, users] = await Promise.all([findSchedule(api, ref), listUsers(api)]);
      const user = findUser(users, options.user, '--user');
      const added = await api.post<ScheduleOverride>(`/schedules/${found.id}/overrides`, {
        userId: user.id,
        start,
        end: options.end,
      });
      if (globals.json) return writeJson(added);
      writeLine(
        `override ${added.id} added: ${added.userName || user.email} is on call on "${found.name}" from ${formatWhen(added.start)} to ${formatWhen(added.end)}`,
      );
    });
  override
    .command('remove')
    .alias('rm')
    .description('remove an override (see "beacon schedule override list")')
    .argument('<schedule>', 'schedule id or name')
    .argument('<override-id>', 'the override id')
    .action(async (ref: string, overrideId: string, _options: unknown, command: Command) => {
      if (!/^\d+$/.test(overrideId)) throw new UsageError('<override-id> must be a whole number');
      const globals = globalsOf(command);
      const api = new ApiClient(globals);
      const found = await findSchedule(api, ref);
      await api.delete(`/schedules/${found.id}/overrides/${overrideId}`);
      if (globals.json)
        return writeJson({ scheduleId: found.id, overrideId: Number(overrideId), removed: true });
      writeLine(`override ${overrideId} removed from "${found.name}"`);
    });
  override
    .command('list')
    .alias('ls')
    .description("a schedule's overrides that have not ended")
    .argument('<schedule>', 'schedule id or name')
    .action(async (ref: string, _options: unknown, command: Command) => {
      const globals = globalsOf(command);
      const found = await findSchedule(new ApiClient(globals), ref);
      if (globals.json) return writeJson({ items: found.overrides });
      if (found.overrides.length === 0) return writeLine('no upcoming overrides');
      writeLine(
        formatTable(found.overrides, [
          { header: 'ID', value: (o) => String(o.id), align: 'right' },
          { header: 'ON CALL', value: (o) => o.userName, maxWidth: 30 },
          { header: 'START', value: (o) => formatWhen(o.start) },
          { header: 'END', value: (o) => formatWhen(o.end) },
        ]),
      );
    });
}
