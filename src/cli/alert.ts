import { type Command, InvalidArgumentError, Option } from 'commander';
import { ALERT_SEVERITIES } from '../core/alerts/alert-event.js';
import type { BeaconEventBody } from '../core/schemas/alerting.js';
import { ApiClient, URL_HELP } from './api-client.js';
import { UsageError } from './cli-error.js';
import { globalsOf, writeJson, writeLine } from './output.js';

interface SendOptions {
  key?: string;
  summary: string;
  severity?: string;
  dedupKey?: string;
  source?: string;
  label?: Record<string, string>;
  resolve?: boolean;
  acknowledge?: boolean;
}

interface EventReply {
  dedupKey: string;
  result: string;
  alertId: number | null;
  incidentRef: string | null;
}

/** commander argParser for repeated `--label name=value`. */
function labelOption(value: string, labels: Record<string, string> | undefined): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq < 1) throw new InvalidArgumentError('give name=value, e.g. --label env=prod');
  return { ...(labels ?? {}), [value.slice(0, eq)]: value.slice(eq + 1) };
}

/** The event `alert send` posts. */
export function alertEventOf(options: SendOptions): BeaconEventBody {
  const action = options.resolve ? 'resolve' : options.acknowledge ? 'acknowledge' : 'trigger';
  if (action !== 'trigger' && options.dedupKey === undefined) {
    throw new UsageError(`--dedup-key is needed to ${action} an alert (the key it was triggered with)`);
  }
  const event: Record<string, unknown> = { action, source: options.source ?? 'beacon-cli' };
  if (action === 'trigger') event.summary = options.summary;
  if (options.severity !== undefined) event.severity = options.severity;
  if (options.dedupKey !== undefined) event.dedupKey = options.dedupKey;
  if (options.label !== undefined) event.labels = options.label;
  return event as BeaconEventBody;
}

/** One line saying what Beacon did with the event. */
export function formatEventReply(reply: EventReply): string {
  const incident = reply.incidentRef ? `, incident ${reply.incidentRef}` : '';
  const line = `alert ${reply.result} (dedup key ${reply.dedupKey})${incident}`;
  if (reply.result !== 'unchanged') return line;
  return `${line}\nan alert with this key is still open: give another --summary or --dedup-key to raise a new one`;
}

/** `beacon alert send`: an alert through an integration's inbound route, like a monitor sends it. */
export function registerAlert(program: Command): void {
  const alert = program.command('alert').description('send alerts the way monitoring tools do');
  alert
    .command('send')
    .description(
      'send an alert event to POST /api/v1/events with an integration key: it goes through the ' +
        "same pipeline as a monitor's alerts (grouping, incident, escalation, pages)",
    )
    .option('--key <key>', 'the integration key (env BEACON_INTEGRATION_KEY)')
    .option('--summary <text>', 'what is wrong', 'Test alert from the beacon command line')
    .addOption(
      new Option('--severity <severity>', 'how bad it is (default: warning)').choices(ALERT_SEVERITIES),
    )
    .option('--dedup-key <key>', 'events with the same key update one alert (default: from the summary)')
    .option('--source <name>', 'where the alert comes from', 'beacon-cli')
    .option('--label <name=value>', 'a label, repeatable', labelOption)
    .option('--resolve', 'resolve the alert with --dedup-key instead of triggering')
    .option('--acknowledge', 'acknowledge the alert with --dedup-key instead of triggering')
    .option('--url <url>', URL_HELP)
    .addHelpText(
      'after',
      `
Examples:
  export BEACON_INTEGRATION_KEY=<key from "beacon integration create">
  beacon alert send
  beacon alert send --summary "Disk full on db-1" --severity critical --dedup-key disk-db-1 --label env=prod
  beacon alert send --resolve --dedup-key disk-db-1`,
    )
    .action(async (options: SendOptions, command: Command) => {
      const globals = globalsOf(command);
      const key = options.key ?? (process.env.BEACON_INTEGRATION_KEY?.trim() || undefined);
      if (key === undefined) {
        throw new UsageError(
          '--key or BEACON_INTEGRATION_KEY is needed (create one with "beacon integration create")',
        );
      }
      const event = alertEventOf(options);
      const reply = await new ApiClient({ url: globals.url, token: key }).post<EventReply>('/events', event);
      if (globals.json) return writeJson(reply);
      writeLine(formatEventReply(reply));
    });
}
