import { type Command, InvalidArgumentError, Option } from 'commander';
import { LEVELS, SEVERITIES } from '../core/priority.js';
import type { DeclareIncidentBody, Incident } from '../core/schemas/incident.js';
import { ApiClient } from './api-client.js';
import { formatIncidentDetails } from './incident-format.js';
import { globalsOf, writeJson, writeLine } from './output.js';

interface DeclareOptions {
  title: string;
  summary?: string;
  severity?: DeclareIncidentBody['severity'];
  impact?: DeclareIncidentBody['impact'];
  urgency?: DeclareIncidentBody['urgency'];
  serviceId?: number[];
  status?: DeclareIncidentBody['status'];
}

/** Collect repeated or comma-separated service ids into one list (commander argParser). */
export function collectIds(value: string, previous: number[] = []): number[] {
  const ids = value
    .split(',')
    .filter((part) => part.trim() !== '')
    .map(Number);
  if (ids.length === 0 || ids.some((id) => !Number.isInteger(id) || id < 1)) {
    throw new InvalidArgumentError('must be positive whole numbers');
  }
  return [...previous, ...ids];
}

/** `beacon incident declare`: open a new incident. */
export function registerIncidentDeclare(incident: Command): void {
  incident
    .command('declare')
    .description('declare a new incident')
    .requiredOption('--title <text>', 'what is wrong, in a few words')
    .option('--summary <text>', 'longer description')
    .addOption(new Option('--severity <sev>', 'severity (server default SEV3)').choices(SEVERITIES))
    .addOption(
      new Option('--impact <level>', 'business impact (default: what the severity proposes)').choices(LEVELS),
    )
    .addOption(
      new Option('--urgency <level>', 'urgency (default: what the severity proposes)').choices(LEVELS),
    )
    .option('--service-id <ids>', 'affected service id; repeat or comma-separate', collectIds)
    .addOption(
      new Option('--status <status>', 'initial status (server default investigating)').choices([
        'triage',
        'triggered',
        'investigating',
      ]),
    )
    .action(async (options: DeclareOptions, command: Command) => {
      const globals = globalsOf(command);
      const body = {
        title: options.title,
        summary: options.summary,
        severity: options.severity,
        impact: options.impact,
        urgency: options.urgency,
        serviceIds: options.serviceId,
        status: options.status,
      } satisfies Partial<DeclareIncidentBody>;
      const created = await new ApiClient(globals).post<Incident>('/incidents', body);
      if (globals.json) return writeJson(created);
      writeLine(`declared ${created.ref}`);
      writeLine(formatIncidentDetails(created));
    });
}
