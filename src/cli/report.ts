import type { Command } from 'commander';
import type { Report, ReportPage } from '../core/schemas/reports.js';
import { ApiClient, withApiOptions } from './api-client.js';
import { type Column, formatAge, formatTable } from './format-table.js';
import { positiveInt } from './incident-list.js';
import { globalsOf, writeJson, writeLine, writeNotice } from './output.js';

interface ListOptions {
  unlinked?: boolean;
  incident?: string;
  source?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}

/** Columns of the report list. */
export function reportColumns(now: number = Date.now()): Column<Report>[] {
  return [
    { header: 'REF', value: (r) => r.ref },
    { header: 'AGE', value: (r) => formatAge(r.receivedAt, now), align: 'right' },
    { header: 'SOURCE', value: (r) => r.source },
    { header: 'FROM', value: (r) => r.email || r.name || '-', maxWidth: 32 },
    { header: 'INCIDENT', value: (r) => r.incident?.ref ?? '-' },
    { header: 'MESSAGE', value: (r) => r.message, maxWidth: 60 },
  ];
}

/** `beacon report …`: customer reports through the HTTP API. */
export function registerReport(program: Command): void {
  const report = withApiOptions(
    program.command('report').description('customer reports through the HTTP API (support role or higher)'),
  );
  report
    .command('list')
    .alias('ls')
    .description('list customer reports, newest first')
    .option('--unlinked', 'only reports not linked to an incident')
    .option('--incident <ref>', 'only the reports linked to this incident, e.g. INC-3')
    .option('--source <source>', 'only reports from form, api or email')
    .option('--q <text>', 'search the messages, names and emails, or a reference like R-1042')
    .option('--limit <n>', 'page size (1-200, default 50)', positiveInt)
    .option('--cursor <cursor>', 'continue after a previous page (see nextCursor)')
    .addHelpText(
      'after',
      `
Examples:
  beacon report list --unlinked
  beacon report list --incident INC-3
  beacon report list --json | jq -r '.items[].email'`,
    )
    .action(async (options: ListOptions, command: Command) => {
      const globals = globalsOf(command);
      const page = await new ApiClient(globals).get<ReportPage>('/reports', {
        unlinked: options.unlinked ? 'true' : undefined,
        incident: options.incident,
        source: options.source,
        q: options.q,
        limit: options.limit?.toString(),
        cursor: options.cursor,
      });
      if (globals.json) return writeJson(page);
      writeLine(page.items.length === 0 ? 'no reports match' : formatTable(page.items, reportColumns()));
      if (page.nextCursor) writeNotice(`more: --cursor ${page.nextCursor}`);
    });
}
