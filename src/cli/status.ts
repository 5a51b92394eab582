import { type Command, Option } from 'commander';
import type { Service } from '../core/schemas/catalog.js';
import type { IncidentPage } from '../core/schemas/incident.js';
import type {
  ComponentGroup,
  PublicIncidentState,
  PublicUpdate,
  PublishUpdateBody,
  StatusComponent,
  StatusPageSettings,
} from '../core/schemas/status-page.js';
import { PUBLIC_IMPACTS, PUBLIC_INCIDENT_STATUSES, type PublicImpact } from '../core/status/snapshot.js';
import { ApiClient, withApiOptions } from './api-client.js';
import { incidentPath } from './incident-show.js';
import { registerStatusExport } from './status-export-command.js';
import { globalsOf, writeJson, writeLine } from './output.js';
import { registerStatusSubscribers } from './status-subscribers.js';
import {
  type ComponentChoice,
  type PublishedIncident,
  componentOption,
  findComponent,
  formatComponentDetails,
  formatComponentStates,
  formatPublishedIncidents,
  isPublishedUnresolved,
} from './status-format.js';

type Listing<T> = T[] | { items: T[] };
const itemsOf = <T>(data: Listing<T>): T[] => (Array.isArray(data) ? data : data.items);

const listComponents = async (api: ApiClient) =>
  itemsOf(await api.get<Listing<StatusComponent>>('/status-page/components'));
const listGroups = async (api: ApiClient) =>
  itemsOf(await api.get<Listing<ComponentGroup>>('/status-page/groups'));

/**
 * Incidents on the page and not resolved there, with their public face. Resolving an incident
 * in Beacon publishes nothing, so ended incidents count too: the open ones and the most
 * recently changed ended ones are asked for their public face.
 */
async function publishedIncidents(api: ApiClient): Promise<PublishedIncident[]> {
  const [open, ended] = await Promise.all([
    api.get<IncidentPage>('/incidents', { open: 'true', limit: '200' }),
    api.get<IncidentPage>('/incidents', {
      status: 'resolved,closed',
      sort: 'updated',
      limit: String(RECENT_ENDED),
    }),
  ]);
  const states = await Promise.all(
    [...open.items, ...ended.items].map(async (incident) => ({
      ref: incident.ref,
      ...(await api.get<PublicIncidentState>(incidentPath(incident.ref, '/public-updates'))),
    })),
  );
  return states.filter(isPublishedUnresolved);
}

/** How many recently changed ended incidents `beacon status` looks at. */
const RECENT_ENDED = 50;

interface PublishOptions {
  status: PublishUpdateBody['status'];
  message: string;
  component?: ComponentChoice[];
  title?: string;
  impact?: PublicImpact;
}

/** `beacon status …`: the status page's state, its components, and publishing public updates. */
export function registerStatus(program: Command): void {
  const status = withApiOptions(
    program
      .command('status')
      .description('the status page: components and published incidents; publish public updates'),
  ).action(async (_options: unknown, command: Command) => {
    const globals = globalsOf(command);
    const api = new ApiClient(globals);
    const [page, components, groups, incidents] = await Promise.all([
      api.get<StatusPageSettings>('/status-page'),
      listComponents(api),
      listGroups(api),
      publishedIncidents(api),
    ]);
    if (globals.json) return writeJson({ page, components, groups, incidents });
    writeLine(`Status page "${page.name}" at ${page.url}${page.isPrivate ? ' (private)' : ''}\n`);
    writeLine(formatComponentStates(components, groups));
    writeLine(`\n${formatPublishedIncidents(incidents)}`);
  });
  status
    .command('components')
    .description('every component with its group, status, mode and the services behind it')
    .action(async (_options: unknown, command: Command) => {
      const globals = globalsOf(command);
      const api = new ApiClient(globals);
      const [components, groups, services] = await Promise.all([
        listComponents(api),
        listGroups(api),
        api.get<Listing<Service>>('/services'),
      ]);
      if (globals.json) return writeJson({ items: components });
      writeLine(formatComponentDetails(components, groups, itemsOf(services)));
    });
  registerStatusPublish(status);
  registerStatusExport(status);
  registerStatusSubscribers(status);
  status.addHelpText(
    'after',
    `
Examples:
  beacon status
  beacon status components
  beacon status publish INC-3 --status identified --message "Card payments fail for some customers." \\
    --component checkout=partial_outage --title "Card payments failing" --impact minor
  beacon status publish INC-3 --status resolved --message "Fixed." --component checkout=operational
  beacon status export ./public-status --public-url https://status.example.com
  beacon status export ./public-status --watch --after 'aws s3 sync "$BEACON_EXPORT_DIR" s3://status-bucket --delete'`,
  );
}

function registerStatusPublish(status: Command): void {
  status
    .command('publish')
    .description('publish a public update of an incident (responders and admins)')
    .argument('<ref>', 'incident ref, e.g. INC-3')
    .addOption(
      new Option('--status <status>', 'public status')
        .choices(PUBLIC_INCIDENT_STATUSES)
        .makeOptionMandatory(),
    )
    .requiredOption('--message <text>', 'the message customers read')
    .option(
      '--component <name=status>',
      'a component it affects and its status (repeat for several), e.g. web=partial_outage',
      componentOption,
    )
    .option('--title <text>', 'the public title (first publication; default: the incident title)')
    .addOption(
      new Option('--impact <impact>', 'impact for customers (first publication)').choices(PUBLIC_IMPACTS),
    )
    .action(async (ref: string, o: PublishOptions, command: Command) => {
      const globals = globalsOf(command);
      const api = new ApiClient(globals);
      const choices = o.component ?? [];
      const known = choices.length > 0 ? await listComponents(api) : [];
      const body: PublishUpdateBody = {
        status: o.status,
        message: o.message,
        ...(o.title === undefined ? {} : { publicTitle: o.title }),
        ...(o.impact === undefined ? {} : { impact: o.impact }),
        components: choices.map((c) => ({
          componentId: findComponent(known, c.component).id,
          status: c.status,
        })),
      };
      const update = await api.post<PublicUpdate>(incidentPath(ref, '/public-updates'), body);
      if (globals.json) return writeJson(update);
      const affected = update.components.map((c) => `${c.name} ${c.status}`).join(', ');
      writeLine(
        `public update published on ${update.incidentRef} (${update.status}${affected ? `; ${affected}` : ''})`,
      );
    });
}
