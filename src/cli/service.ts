import { type Command, InvalidArgumentError } from 'commander';
import type { Service } from '../core/schemas/catalog.js';
import { ApiClient, withApiOptions } from './api-client.js';
import { CliError } from './cli-error.js';
import { formatTable } from './format-table.js';
import { globalsOf, writeJson, writeLine } from './output.js';

/** Every service of the catalog. */
export async function listServices(api: ApiClient): Promise<Service[]> {
  return (await api.get<{ items: Service[] }>('/services')).items;
}

/** A service by id or name (case-insensitive), failing with the known ones listed. */
export async function findService(api: ApiClient, ref: string): Promise<Service> {
  const services = await listServices(api);
  const wanted = ref.trim().toLowerCase();
  const found = /^\d+$/.test(wanted)
    ? services.find((s) => s.id === Number(wanted))
    : services.find((s) => s.name.toLowerCase() === wanted);
  if (found) return found;
  const known = services.map((s) => `${s.id} "${s.name}"`).join(', ');
  throw new CliError(`--service: no service "${ref}" (${known ? `services: ${known}` : 'no services yet'})`);
}

function tierOption(value: string): number {
  if (!/^[1-4]$/.test(value)) throw new InvalidArgumentError('must be 1, 2, 3 or 4');
  return Number(value);
}

/** The services as a table. */
export function formatServiceList(services: readonly Service[]): string {
  if (services.length === 0) return 'no services yet (create one with "beacon service create")';
  return formatTable(services, [
    { header: 'ID', value: (s) => String(s.id), align: 'right' },
    { header: 'NAME', value: (s) => s.name, maxWidth: 40 },
    { header: 'TIER', value: (s) => (s.tier === null ? '-' : String(s.tier)) },
    { header: 'TEAM', value: (s) => s.ownerTeam?.name ?? '-', maxWidth: 30 },
    { header: 'OPEN', value: (s) => String(s.openIncidents), align: 'right' },
  ]);
}

/** `beacon service …`: the service catalog through the HTTP API. */
export function registerService(program: Command): void {
  const service = withApiOptions(
    program.command('service').description('the services alerts and incidents belong to'),
  );
  service
    .command('list')
    .alias('ls')
    .description('every service with its tier, owning team and open incidents')
    .action(async (_options: unknown, command: Command) => {
      const globals = globalsOf(command);
      const items = await listServices(new ApiClient(globals));
      if (globals.json) return writeJson({ items });
      writeLine(formatServiceList(items));
    });
  service
    .command('create')
    .description('add a service (responders and admins)')
    .argument('<name>', 'the service name, unique')
    .option('--description <text>', 'what the service is')
    .option('--tier <n>', 'importance from 1 (most critical) to 4', tierOption)
    .action(async (name: string, options: { description?: string; tier?: number }, command: Command) => {
      const globals = globalsOf(command);
      const created = await new ApiClient(globals).post<Service>('/services', { name, ...options });
      if (globals.json) return writeJson(created);
      writeLine(`service ${created.id} "${created.name}" created`);
    });
  service.addHelpText(
    'after',
    `
Examples:
  beacon service create checkout --tier 1 --description "Cart and payment"
  beacon service list
  beacon service list --json | jq -r '.items[] | "\\(.id) \\(.name)"'`,
  );
}
