import { type Command, InvalidArgumentError } from 'commander';
import type { IncidentPage } from '../core/schemas/incident.js';
import { ApiClient } from './api-client.js';
import { formatIncidentList } from './incident-format.js';
import { globalsOf, writeJson, writeLine, writeNotice } from './output.js';

interface ListOptions {
  status?: string;
  severity?: string;
  q?: string;
  open?: boolean;
  mine?: boolean;
  unassigned?: boolean;
  limit?: number;
  sort?: string;
  cursor?: string;
}

/** Parse a positive whole number option value (commander argParser). */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

/** `beacon incident list`: one page of incidents, newest first. */
export function registerIncidentList(incident: Command): void {
  incident
    .command('list')
    .alias('ls')
    .description('list incidents, newest first')
    .option('--status <list>', 'only these statuses, comma-separated (e.g. triggered,investigating)')
    .option('--severity <list>', 'only these severities, comma-separated (e.g. SEV1,SEV2)')
    .option('--q <text>', 'full-text search in titles and summaries, or a ref like INC-12')
    .option('--open', 'only incidents still open')
    .option('--mine', 'only incidents you command or hold a role in')
    .option('--unassigned', 'only incidents without a commander')
    .option('--limit <n>', 'page size (1-200, default 50)', positiveInt)
    .option('--sort <order>', 'newest, oldest, updated, severity or number')
    .option('--cursor <cursor>', 'continue after a previous page (see nextCursor)')
    .action(async (options: ListOptions, command: Command) => {
      const globals = globalsOf(command);
      const page = await new ApiClient(globals).get<IncidentPage>('/incidents', {
        status: options.status,
        severity: options.severity,
        q: options.q,
        open: options.open ? 'true' : undefined,
        mine: options.mine ? 'true' : undefined,
        unassigned: options.unassigned ? 'true' : undefined,
        limit: options.limit?.toString(),
        sort: options.sort,
        cursor: options.cursor,
      });
      if (globals.json) return writeJson(page);
      writeLine(formatIncidentList(page.items));
      if (page.nextCursor) writeNotice(`more: --cursor ${page.nextCursor}`);
    });
}
