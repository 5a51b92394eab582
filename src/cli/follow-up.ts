import { type Command, InvalidArgumentError } from 'commander';
import type { FollowUp, FollowUpPage } from '../core/schemas/follow-ups.js';
import { ApiClient, withApiOptions } from './api-client.js';
import { UsageError } from './cli-error.js';
import { formatTable } from './format-table.js';
import { globalsOf, writeJson, writeLine } from './output.js';

/** `FU-12` or `12` → 12. */
function followUpId(ref: string): number {
  const match = /^(?:FU-)?([1-9][0-9]{0,9})$/i.exec(ref.trim());
  if (!match?.[1]) throw new UsageError(`not a follow-up: ${ref} (expected FU-12 or 12)`);
  return Number(match[1]);
}

/** The id of the user `owner` names: an id, or an email looked up in the user list. */
async function ownerId(client: ApiClient, owner: string | undefined): Promise<number | undefined> {
  if (owner === undefined) return undefined;
  if (/^[1-9][0-9]*$/.test(owner)) return Number(owner);
  const { items } = await client.get<{ items: Array<{ id: number; email: string }> }>('/users');
  const user = items.find((candidate) => candidate.email.toLowerCase() === owner.toLowerCase());
  if (!user) throw new UsageError(`no user with email ${owner}`);
  return user.id;
}

function dueDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) && Number.isNaN(Date.parse(value)))
    throw new InvalidArgumentError('expected a date such as 2026-12-24, or an ISO-8601 time');
  return value;
}

function printTable(page: FollowUpPage): void {
  writeLine(
    formatTable(page.items, [
      { header: 'REF', value: (f) => f.ref },
      { header: 'STATE', value: (f) => (f.isOverdue ? `${f.state} (overdue)` : f.state) },
      { header: 'DUE', value: (f) => f.dueAt?.slice(0, 10) ?? '-' },
      { header: 'OWNER', value: (f) => f.owner?.name ?? '-', maxWidth: 20 },
      { header: 'INCIDENTS', value: (f) => f.incidents.map((i) => i.ref).join(',') || '-' },
      { header: 'TITLE', value: (f) => f.title, maxWidth: 60 },
    ]),
  );
}

/** `beacon follow-up …`: follow-up actions through the HTTP API. */
export function registerFollowUp(program: Command): void {
  const followUp = withApiOptions(
    program.command('follow-up').description('follow-up actions of incidents, tracked to done (HTTP API)'),
  );
  followUp
    .command('list')
    .alias('ls')
    .description('list open follow-up actions, soonest due first')
    .option('--overdue', 'only those past their due date')
    .option('--mine', 'only those you own')
    .option('--all', "done and won't do ones too")
    .option('--incident <ref>', 'only those of this incident, e.g. INC-3')
    .action(
      async (
        o: { overdue?: boolean; mine?: boolean; all?: boolean; incident?: string },
        command: Command,
      ) => {
        const globals = globalsOf(command);
        const page = await new ApiClient(globals).get<FollowUpPage>('/follow-ups', {
          sort: 'due',
          open: o.all ? undefined : 'true',
          overdue: o.overdue ? 'true' : undefined,
          mine: o.mine ? 'true' : undefined,
          incident: o.incident,
          limit: '200',
        });
        if (globals.json) return writeJson(page);
        printTable(page);
      },
    );
  followUp
    .command('add')
    .description('add a follow-up action to an incident')
    .argument('<incident>', 'incident ref, e.g. INC-3')
    .argument('<title>', 'what is to be done')
    .option('--owner <id|email>', 'who owns it')
    .option('--due <date>', 'due date (2026-12-24) or time', dueDate)
    .option('--priority <priority>', 'urgent, high, medium or low', 'medium')
    .option('--url <url>', 'the ticket elsewhere (http or https)')
    .action(
      async (
        incident: string,
        title: string,
        o: { owner?: string; due?: string; priority: string; url?: string },
        command: Command,
      ) => {
        const globals = globalsOf(command);
        const client = new ApiClient(globals);
        const created = await client.post<FollowUp>(`/incidents/${encodeURIComponent(incident)}/follow-ups`, {
          title,
          ownerId: await ownerId(client, o.owner),
          dueAt: o.due,
          priority: o.priority,
          externalUrl: o.url,
        });
        if (globals.json) return writeJson(created);
        writeLine(
          `${created.ref} added to ${created.incidents.map((i) => i.ref).join(', ')}: ${created.title}`,
        );
      },
    );
  followUp
    .command('done')
    .description('mark a follow-up action done')
    .argument('<id>', 'follow-up ref, e.g. FU-12')
    .action(async (ref: string, _o: unknown, command: Command) => {
      const globals = globalsOf(command);
      const done = await new ApiClient(globals).patch<FollowUp>(`/follow-ups/${followUpId(ref)}`, {
        state: 'done',
      });
      if (globals.json) return writeJson(done);
      writeLine(`${done.ref} is done: ${done.title}`);
    });
}
