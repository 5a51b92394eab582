import { type Command, Option } from 'commander';
import {
  SUBSCRIBER_CHANNELS,
  SUBSCRIBER_STATES,
  type Subscriber,
  type SubscriberList,
} from '../core/schemas/status-subscribers.js';
import type { StatusComponent } from '../core/schemas/status-page.js';
import { ApiClient } from './api-client.js';
import { formatTable } from './format-table.js';
import { globalsOf, writeJson, writeLine } from './output.js';
import { findComponent } from './status-format.js';

interface SubscriberOptions {
  state?: string;
  channel?: string;
  component?: string;
  search?: string;
  limit?: string;
}

/** The list's query from the options (a component by name or id). */
async function queryOf(api: ApiClient, o: SubscriberOptions): Promise<Record<string, string | undefined>> {
  let componentId: string | undefined;
  if (o.component !== undefined) {
    const listing = await api.get<{ items: StatusComponent[] }>('/status-page/components');
    componentId = String(findComponent(listing.items, o.component).id);
  }
  return { state: o.state, channel: o.channel, componentId, q: o.search, limit: o.limit };
}

function withFilters(command: Command): Command {
  return command
    .addOption(new Option('--state <state>', 'only subscribers in this state').choices(SUBSCRIBER_STATES))
    .addOption(
      new Option('--channel <channel>', 'only email or webhook subscribers').choices(SUBSCRIBER_CHANNELS),
    )
    .option('--component <name>', 'only those who hear about this component (name or id)')
    .option('--search <text>', 'words in the address')
    .option('--limit <n>', 'at most this many', '200');
}

/** `beacon status subscribers [list|export]`: who receives the page's updates. */
export function registerStatusSubscribers(status: Command): void {
  const subscribers = withFilters(
    status.command('subscribers').description('status-page subscribers: list (default) or export as CSV'),
  ).action((o: SubscriberOptions, command: Command) => listSubscribers(o, command));
  // The filters may stand before or after `list`/`export`: the parent command takes them then.
  withFilters(subscribers.command('list').description('subscribers with their state and components')).action(
    (_o: SubscriberOptions, command: Command) =>
      listSubscribers(command.optsWithGlobals<SubscriberOptions>(), command),
  );
  withFilters(
    subscribers.command('export').description('subscribers as CSV on standard output (admin)'),
  ).action(async (_o: SubscriberOptions, command: Command) => {
    const o = command.optsWithGlobals<SubscriberOptions>();
    const api = new ApiClient(globalsOf(command));
    const query = await queryOf(api, { ...o, limit: o.limit === '200' ? '1000' : o.limit });
    process.stdout.write(await api.getText('/status-page/subscribers/export', query));
  });
  subscribers.addHelpText(
    'after',
    `
Examples:
  beacon status subscribers
  beacon status subscribers list --state pending --component checkout
  beacon status subscribers export --state confirmed > subscribers.csv`,
  );
}

async function listSubscribers(o: SubscriberOptions, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const api = new ApiClient(globals);
  const list = await api.get<SubscriberList>('/status-page/subscribers', await queryOf(api, o));
  if (globals.json) return writeJson(list);
  const { counts } = list;
  writeLine(
    `${String(counts.confirmed)} confirmed, ${String(counts.pending)} awaiting confirmation, ${String(counts.unsubscribed)} unsubscribed; bundling window ${String(list.bundleSeconds)} s\n`,
  );
  if (list.items.length === 0) return writeLine('no subscribers match');
  writeLine(
    formatTable<Subscriber>(list.items, [
      { header: 'ID', value: (s) => String(s.id), align: 'right' },
      { header: 'ADDRESS', value: (s) => s.address, maxWidth: 48 },
      { header: 'CHANNEL', value: (s) => s.channel },
      { header: 'STATE', value: (s) => s.state },
      {
        header: 'COMPONENTS',
        value: (s) => (s.allComponents ? 'all' : s.components.map((c) => c.name).join(', ')),
        maxWidth: 40,
      },
      { header: 'SINCE', value: (s) => s.createdAt.slice(0, 10) },
    ]),
  );
}
