import { type Command, Option } from 'commander';
// The list of types comes without the zod schemas: loading zod would double the CLI's start-up.
import { INTEGRATION_TYPES, type IntegrationType } from '../core/alerts/integration-types.js';
import type { Integration, IntegrationWithKey } from '../core/schemas/alerting.js';
import { ApiClient, withApiOptions } from './api-client.js';
import { formatFields, formatTable } from './format-table.js';
import { inboundAddresses } from './integration-urls.js';
import { globalsOf, writeJson, writeLine } from './output.js';
import { findService } from './service.js';

interface CreateOptions {
  service: string;
  type: IntegrationType;
  name?: string;
}

/** The integrations as a table: keys appear only as their first characters. */
export function formatIntegrationList(items: readonly Integration[]): string {
  if (items.length === 0) return 'no integrations yet (create one with "beacon integration create")';
  return formatTable(items, [
    { header: 'ID', value: (i) => String(i.id), align: 'right' },
    { header: 'SERVICE', value: (i) => i.service.name, maxWidth: 30 },
    { header: 'TYPE', value: (i) => i.type },
    { header: 'NAME', value: (i) => i.name, maxWidth: 40 },
    { header: 'KEY', value: (i) => `${i.keyPrefix}…` },
    { header: 'STATE', value: (i) => (i.disabled ? 'disabled' : 'enabled') },
  ]);
}

/** What `integration create` prints: the key, once, and where to send alerts. */
export function formatCreatedIntegration(created: IntegrationWithKey, baseUrl: string): string {
  const addresses = inboundAddresses(created.type, baseUrl, created.key);
  return [
    `integration ${created.id} "${created.name}" (${created.type}) created on service "${created.service.name}"`,
    '',
    formatFields([['Key', created.key]]),
    'The key is shown only now: store it where the sender is configured.',
    '',
    `Send alerts to (at ${baseUrl}, where this command reached Beacon):`,
    ...addresses.map((a) => `  ${a.use}\n    ${a.address}`),
    '',
    'Send a test alert:',
    `  BEACON_INTEGRATION_KEY=${created.key} beacon alert send`,
  ].join('\n');
}

/** `beacon integration …`: where a service's alerts come in, through the HTTP API. */
export function registerIntegration(program: Command): void {
  const integration = withApiOptions(
    program
      .command('integration')
      .description("the integrations (keys and URLs) services' alerts come in by"),
  );
  integration
    .command('list')
    .alias('ls')
    .description('every integration, or those of one service (keys show only their first characters)')
    .option('--service <service>', 'only this service (id or name)')
    .action(async (options: { service?: string }, command: Command) => {
      const globals = globalsOf(command);
      const api = new ApiClient(globals);
      const path =
        options.service === undefined
          ? '/integrations'
          : `/services/${(await findService(api, options.service)).id}/integrations`;
      const { items } = await api.get<{ items: Integration[] }>(path);
      if (globals.json) return writeJson({ items });
      writeLine(formatIntegrationList(items));
    });
  integration
    .command('create')
    .description('add an integration to a service (admins); prints its key once and the URLs to use')
    .requiredOption('--service <service>', 'the service its alerts belong to (id or name)')
    .addOption(
      new Option('--type <type>', 'the format its sender speaks')
        .choices(INTEGRATION_TYPES)
        .default('generic'),
    )
    .option('--name <name>', 'a name to recognise it by (default: the type)')
    .action(async (options: CreateOptions, command: Command) => {
      const globals = globalsOf(command);
      const api = new ApiClient(globals);
      const service = await findService(api, options.service);
      const created = await api.post<IntegrationWithKey>(`/services/${service.id}/integrations`, {
        type: options.type,
        name: options.name ?? options.type,
      });
      const addresses = inboundAddresses(created.type, api.baseUrl, created.key);
      if (globals.json) return writeJson({ ...created, addresses });
      writeLine(formatCreatedIntegration(created, api.baseUrl));
    });
  integration.addHelpText(
    'after',
    `
Types: alertmanager (Prometheus, Alertmanager, Grafana), pagerduty (Events v2), opsgenie,
email, generic (Beacon's own JSON events; see docs/integrations/).

Examples:
  beacon integration create --service checkout --type alertmanager --name Prometheus
  beacon integration list --service checkout`,
  );
}
