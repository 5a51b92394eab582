import type { Command } from 'commander';
import type { ImportResult } from '../core/schemas/import.js';
import { PAGERDUTY_API_URL, PagerDutyClient } from '../server/import/pagerduty/pagerduty-client.js';
import { readPagerDutySetup } from '../server/import/pagerduty/read-pagerduty.js';
import { OPSGENIE_API_URL, OpsgenieClient } from '../server/import/opsgenie/opsgenie-client.js';
import { readOpsgenieSetup } from '../server/import/opsgenie/read-opsgenie.js';
import { ApiClient, URL_HELP } from './api-client.js';
import { UsageError } from './cli-error.js';
import { printImportResult } from './import-format.js';
import { registerGrafanaOnCall } from './import-grafana-oncall.js';
import { SAVE_HELP, assertSaveAlone, saveSetup } from './import-save.js';
import { globalsOf, writeJson, writeLine, writeNotice } from './output.js';

interface PagerDutyOptions {
  token?: string;
  apiUrl: string;
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
  command
    .command('pagerduty')
    .description('import from PagerDuty (a dry run unless --apply); read-only on the PagerDuty side')
    .option('--token <token>', 'PagerDuty REST API key (env PAGERDUTY_TOKEN; prefer the env var)')
    .option('--api-url <url>', 'PagerDuty REST API', PAGERDUTY_API_URL)
    .option('--dry-run', 'show the plan and change nothing (the default)')
    .option('--apply', 'carry the plan out')
    .option('--save <file>', SAVE_HELP)
    .option('--url <url>', URL_HELP)
    .option('--beacon-token <token>', "an admin's Beacon API token (env BEACON_TOKEN)")
    .action(async (options: PagerDutyOptions, sub: Command) => {
      if (options.apply && options.dryRun) throw new UsageError('give --dry-run or --apply, not both');
      assertSaveAlone(options);
      const token = options.token ?? process.env.PAGERDUTY_TOKEN;
      if (!token) throw new UsageError('a PagerDuty REST API key is needed: --token or PAGERDUTY_TOKEN');
      // Saving needs no Beacon; posting does, so its settings are checked before the long read.
      const api =
        options.save === undefined ? new ApiClient({ url: options.url, token: options.beaconToken }) : null;
      const client = new PagerDutyClient({
        token,
        apiUrl: options.apiUrl,
        wait: (ms) => {
          writeNotice(`PagerDuty asks to wait ${Math.ceil(ms / 1000)} s (rate limit)`);
          return new Promise((resolve) => setTimeout(resolve, ms));
        },
      });
      writeNotice(`reading ${client.apiUrl} …`);
      const setup = await readPagerDutySetup(client, { now: Date.now() });
      if (!api) return saveSetup(options.save ?? '', setup);
      const result = await api.post<ImportResult>('/imports', { setup, apply: options.apply === true });
      if (globalsOf(sub).json) return writeJson(result);
      printImportResult(result, api.baseUrl);
    });
  registerOpsgenie(command);
  registerGrafanaOnCall(command);
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

interface OpsgenieOptions {
  apiKey?: string;
  apiUrl: string;
  apply?: boolean;
  dryRun?: boolean;
  url?: string;
  beaconToken?: string;
  save?: string;
}

/** `beacon import opsgenie`: the same plan and apply, read from Opsgenie's REST API v2. */
function registerOpsgenie(command: Command): void {
  command
    .command('opsgenie')
    .description('import from Opsgenie (a dry run unless --apply); read-only on the Opsgenie side')
    .option('--api-key <key>', 'Opsgenie API key with read access (env OPSGENIE_API_KEY; prefer the env var)')
    .option(
      '--api-url <url>',
      'Opsgenie REST API (EU accounts: https://api.eu.opsgenie.com)',
      OPSGENIE_API_URL,
    )
    .option('--dry-run', 'show the plan and change nothing (the default)')
    .option('--apply', 'carry the plan out')
    .option('--save <file>', SAVE_HELP)
    .option('--url <url>', URL_HELP)
    .option('--beacon-token <token>', "an admin's Beacon API token (env BEACON_TOKEN)")
    .action(async (options: OpsgenieOptions, sub: Command) => {
      if (options.apply && options.dryRun) throw new UsageError('give --dry-run or --apply, not both');
      assertSaveAlone(options);
      const apiKey = options.apiKey ?? process.env.OPSGENIE_API_KEY;
      if (!apiKey) throw new UsageError('an Opsgenie API key is needed: --api-key or OPSGENIE_API_KEY');
      // Saving needs no Beacon; posting does, so its settings are checked before the long read.
      const api =
        options.save === undefined ? new ApiClient({ url: options.url, token: options.beaconToken }) : null;
      const client = new OpsgenieClient({
        apiKey,
        apiUrl: options.apiUrl,
        wait: (ms) => {
          writeNotice(`Opsgenie asks to wait ${Math.ceil(ms / 1000)} s (rate limit)`);
          return new Promise((resolve) => setTimeout(resolve, ms));
        },
      });
      writeNotice(`reading ${client.apiUrl} …`);
      const { setup, notes } = await readOpsgenieSetup(client, { now: Date.now() });
      if (!api) return saveSetup(options.save ?? '', setup);
      const result = await api.post<ImportResult>('/imports', { setup, apply: options.apply === true });
      if (globalsOf(sub).json) return writeJson({ ...result, notes });
      printImportResult(result, api.baseUrl);
      if (notes.length > 0) writeLine(`\nAlso read from Opsgenie:\n${notes.map((n) => `  ${n}`).join('\n')}`);
    });
}
