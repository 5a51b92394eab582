import { Argument, type Command } from 'commander';
import { INCIDENT_STATUSES } from '../core/incident-status.js';
import type { Incident } from '../core/schemas/incident.js';
import type { TimelineEntry } from '../core/schemas/timeline.js';
import { ApiClient } from './api-client.js';
import { UsageError } from './cli-error.js';
import { incidentPath } from './incident-show.js';
import { globalsOf, writeJson, writeLine } from './output.js';

/** POST `body` to one incident's action `suffix` and print the outcome. */
async function act(
  command: Command,
  ref: string,
  suffix: string,
  body: object,
  done: (i: Incident) => string,
) {
  const globals = globalsOf(command);
  const result = await new ApiClient(globals).post<Incident>(incidentPath(ref, suffix), body);
  if (globals.json) return writeJson(result);
  writeLine(done(result));
}

const now = (i: Incident) => `${i.ref} is now ${i.status}`;

/** `ack`, `resolve`, `close` and `status`: lifecycle moves of one incident. */
export function registerIncidentLifecycle(incident: Command): void {
  incident
    .command('ack')
    .alias('acknowledge')
    .description('acknowledge an incident (you are on it)')
    .argument('<ref>', 'incident ref')
    .action((ref: string, _o: unknown, command: Command) =>
      act(command, ref, '/acknowledge', {}, (i) => `${i.ref} acknowledged (${i.status})`),
    );
  incident
    .command('resolve')
    .description('resolve an incident')
    .argument('<ref>', 'incident ref')
    .requiredOption('--summary <text>', 'how it was resolved')
    .option('--root-cause <text>', 'what caused it, if known')
    .action((ref: string, o: { summary: string; rootCause?: string }, command: Command) =>
      act(command, ref, '/resolve', { resolutionSummary: o.summary, rootCause: o.rootCause }, now),
    );
  incident
    .command('close')
    .description('close a resolved incident')
    .argument('<ref>', 'incident ref')
    .option('--root-cause <text>', 'what caused it (the server may require it)')
    .action((ref: string, o: { rootCause?: string }, command: Command) =>
      act(command, ref, '/close', { rootCause: o.rootCause }, now),
    );
  incident
    .command('status')
    .description('move an incident to another status')
    .argument('<ref>', 'incident ref')
    .addArgument(new Argument('<status>', 'the status to move to').choices(INCIDENT_STATUSES))
    .option('--message <text>', 'why, shown on the timeline')
    .action((ref: string, status: string, o: { message?: string }, command: Command) =>
      act(command, ref, '/status', { status, message: o.message }, now),
    );
}

/** `beacon incident note <ref> [text...]`: add a note to the timeline. */
export function registerIncidentNote(incident: Command): void {
  incident
    .command('note')
    .description('add a note to an incident timeline')
    .argument('<ref>', 'incident ref')
    .argument('[text...]', 'the note (or use --body)')
    .option('--body <text>', 'the note')
    .action(async (ref: string, words: string[], o: { body?: string }, command: Command) => {
      const body = textOf('note', words, o.body);
      const globals = globalsOf(command);
      const entry = await new ApiClient(globals).post<TimelineEntry>(incidentPath(ref, '/notes'), { body });
      if (globals.json) return writeJson(entry);
      writeLine(`note added to ${entry.incidentRef}`);
    });
}

/** The text of a note or update: the words given, or `--body`, but not both and not empty. */
export function textOf(what: string, words: string[], body: string | undefined): string {
  const text = body ?? words.join(' ');
  if (text.trim() === '') throw new UsageError(`give the ${what} text as an argument or with --body`);
  if (body !== undefined && words.length > 0)
    throw new UsageError(`give the ${what} either as an argument or with --body, not both`);
  return text;
}
