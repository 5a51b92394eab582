import type { Command } from 'commander';
import type { ImportResult, ImportSource } from '../core/schemas/import.js';
import { IMPORT_SOURCE_READERS } from '../server/import/import-sources.js';
import { ApiClient, URL_HELP } from './api-client.js';
import { UsageError } from './cli-error.js';
import { printImportResult } from './import-format.js';
import { SAVE_HELP, assertSaveAlone, saveSetup } from './import-save.js';
import { globalsOf, writeJson, writeLine, writeNotice } from './output.js';

/** How one source's sub-command asks for its key and API; the reading is the server's table's. */
interface SourceCommand {
  source: ImportSource;
  /** The key's option: `--token` or `--api-key`. */
  keyOption: 'token' | 'apiKey';
  keyEnv: string;
  keyHelp: string;
  apiUrlHelp: string;
  /** The key missing, in words. */
  keyNeeded: string;
}

const SOURCE_COMMANDS: readonly SourceCommand[] = [
  {
    source: 'pagerduty',
    keyOption: 'token',
    keyEnv: 'PAGERDUTY_TOKEN',
    keyHelp: 'PagerDuty REST API key',
    apiUrlHelp: 'PagerDuty REST API',
    keyNeeded: 'a PagerDuty REST API key is needed',
  },
  {
    source: 'opsgenie',
    keyOption: 'apiKey',
    keyEnv: 'OPSGENIE_API_KEY',
    keyHelp: 'Opsgenie API key with read access',
    apiUrlHelp: 'Opsgenie REST API (EU accounts: https://api.eu.opsgenie.com)',
    keyNeeded: 'an Opsgenie API key is needed',
  },
  {
    source: 'grafana-oncall',
    keyOption: 'token',
    keyEnv: 'GRAFANA_ONCALL_TOKEN',
    keyHelp: 'Grafana OnCall API token',
    apiUrlHelp:
      'Grafana OnCall API URL, as OnCall shows it (e.g. https://oncall-prod-us-central-0.grafana.net/oncall)',
    keyNeeded: 'a Grafana OnCall API token is needed',
  },
];

interface ImportOptions {
  token?: string;
  apiKey?: string;
  apiUrl?: string;
  apply?: boolean;
  dryRun?: boolean;
  url?: string;
  beaconToken?: string;
  save?: string;
}

/** `beacon import …`: bring another tool's on-call set-up into a running Beacon. */
export function registerImport(program: Command): void {
  const command = program
    .command('import')
    .description("bring another tool's users, teams, schedules, policies and services into Beacon");
  for (const source of SOURCE_COMMANDS) registerSource(command, source);
  command.addHelpText(
    'after',
    `
Run it once as a dry run, read the plan, then again with --apply; running it again later
changes only what changed in the source. See docs/migrate/pagerduty.md,
docs/migrate/opsgenie.md and docs/migrate/grafana-oncall.md.

Example:
  PAGERDUTY_TOKEN=… BEACON_TOKEN=… beacon import pagerduty
  PAGERDUTY_TOKEN=… BEACON_TOKEN=… beacon import pagerduty --apply
  OPSGENIE_API_KEY=… BEACON_TOKEN=… beacon import opsgenie --api-url https://api.eu.opsgenie.com
  GRAFANA_ONCALL_TOKEN=… BEACON_TOKEN=… beacon import grafana-oncall --api-url https://oncall-prod-us-central-0.grafana.net/oncall
  PAGERDUTY_TOKEN=… beacon import pagerduty --save setup.json   (then upload it in the web UI)`,
  );
}

/** One source's sub-command: read it here, then post the set-up to Beacon (or save it). */
function registerSource(command: Command, spec: SourceCommand): void {
  const reader = IMPORT_SOURCE_READERS[spec.source];
  const flag = spec.keyOption === 'token' ? '--token <token>' : '--api-key <key>';
  const sub = command
    .command(spec.source)
    .description(
      `import from ${reader.label} (a dry run unless --apply); read-only on the ${reader.label} side`,
    )
    .option(flag, `${spec.keyHelp} (env ${spec.keyEnv}; prefer the env var)`);
  if (reader.defaultApiUrl === '') sub.option('--api-url <url>', spec.apiUrlHelp);
  else sub.option('--api-url <url>', spec.apiUrlHelp, reader.defaultApiUrl);
  sub
    .option('--dry-run', 'show the plan and change nothing (the default)')
    .option('--apply', 'carry the plan out')
    .option('--save <file>', SAVE_HELP)
    .option('--url <url>', URL_HELP)
    .option('--beacon-token <token>', "an admin's Beacon API token (env BEACON_TOKEN)")
    .action(async (options: ImportOptions, cmd: Command) => {
      if (options.apply && options.dryRun) throw new UsageError('give --dry-run or --apply, not both');
      assertSaveAlone(options);
      const token = options[spec.keyOption] ?? process.env[spec.keyEnv];
      if (!token) throw new UsageError(`${spec.keyNeeded}: ${flag.split(' ')[0]} or ${spec.keyEnv}`);
      if (!options.apiUrl) throw new UsageError(`the ${reader.label} API URL is needed: --api-url`);
      // Saving needs no Beacon; posting does, so its settings are checked before the long read.
      const api =
        options.save === undefined ? new ApiClient({ url: options.url, token: options.beaconToken }) : null;
      writeNotice(`reading ${options.apiUrl} …`);
      const { setup, notes } = await reader.read({
        token,
        apiUrl: options.apiUrl,
        fetch: (url, init) => fetch(url, init),
        now: Date.now(),
        wait: (ms) => {
          writeNotice(`${reader.label} asks to wait ${Math.ceil(ms / 1000)} s (rate limit)`);
          return new Promise((resolve) => setTimeout(resolve, ms));
        },
      });
      if (!api) return saveSetup(options.save ?? '', setup);
      const result = await api.post<ImportResult>('/imports', { setup, apply: options.apply === true });
      if (globalsOf(cmd).json) return writeJson({ ...result, notes });
      printImportResult(result, api.baseUrl);
      if (notes.length > 0) {
        writeLine(`\nAlso read from ${reader.label}:\n${notes.map((note) => `  ${note}`).join('\n')}`);
      }
    });
}
