import type { Command } from 'commander';
import type { ImportResult } from '../core/schemas/import.js';
import { GrafanaOnCallClient } from '../server/import/grafana-oncall/grafana-oncall-client.js';
import { readGrafanaOnCallSetup } from '../server/import/grafana-oncall/read-grafana-oncall.js';
import { ApiClient, URL_HELP } from './api-client.js';
import { UsageError } from './cli-error.js';
import { printImportResult } from './import-format.js';
import { SAVE_HELP, assertSaveAlone, saveSetup } from './import-save.js';
import { globalsOf, writeJson, writeLine, writeNotice } from './output.js';

interface GrafanaOnCallOptions {
  token?: string;
  apiUrl?: string;
  apply?: boolean;
  dryRun?: boolean;
  url?: string;
  beaconToken?: string;
  save?: string;
}

/** `beacon import grafana-oncall`: the same plan and apply, read from Grafana OnCall's public API v1. */
export function registerGrafanaOnCall(command: Command): void {
  command
    .command('grafana-oncall')
    .description('import from Grafana OnCall (a dry run unless --apply); read-only on the OnCall side')
    .option('--token <token>', 'Grafana OnCall API token (env GRAFANA_ONCALL_TOKEN; prefer the env var)')
    .option(
      '--api-url <url>',
      'Grafana OnCall API URL, as OnCall shows it (e.g. https://oncall-prod-us-central-0.grafana.net/oncall)',
    )
    .option('--dry-run', 'show the plan and change nothing (the default)')
    .option('--apply', 'carry the plan out')
    .option('--save <file>', SAVE_HELP)
    .option('--url <url>', URL_HELP)
    .option('--beacon-token <token>', "an admin's Beacon API token (env BEACON_TOKEN)")
    .action(async (options: GrafanaOnCallOptions, sub: Command) => {
      if (options.apply && options.dryRun) throw new UsageError('give --dry-run or --apply, not both');
      assertSaveAlone(options);
      const token = options.token ?? process.env.GRAFANA_ONCALL_TOKEN;
      if (!token)
        throw new UsageError('a Grafana OnCall API token is needed: --token or GRAFANA_ONCALL_TOKEN');
      if (!options.apiUrl) throw new UsageError('the Grafana OnCall API URL is needed: --api-url');
      // Saving needs no Beacon; posting does, so its settings are checked before the long read.
      const api =
        options.save === undefined ? new ApiClient({ url: options.url, token: options.beaconToken }) : null;
      const client = new GrafanaOnCallClient({
        token,
        apiUrl: options.apiUrl,
        wait: (ms) => {
          writeNotice(`Grafana OnCall asks to wait ${Math.ceil(ms / 1000)} s (rate limit)`);
          return new Promise((resolve) => setTimeout(resolve, ms));
        },
      });
      writeNotice(`reading ${client.apiUrl} …`);
      const { setup, notes } = await readGrafanaOnCallSetup(client, { now: Date.now() });
      if (!api) return saveSetup(options.save ?? '', setup);
      const result = await api.post<ImportResult>('/imports', { setup, apply: options.apply === true });
      if (globalsOf(sub).json) return writeJson({ ...result, notes });
      printImportResult(result, api.baseUrl);
      if (notes.length > 0) {
        writeLine(`\nAlso read from Grafana OnCall:\n${notes.map((n) => `  ${n}`).join('\n')}`);
      }
    });
}
