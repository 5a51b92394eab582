/**
 * The tools Beacon can read an import from on the server (`POST /api/v1/imports/read`): one
 * entry per source, naming its API, its key and how to read it. A new source is one entry.
 */
import type { ImportSetup, ImportSource } from '../../core/schemas/import.js';
import { GrafanaOnCallApiError, GrafanaOnCallClient } from './grafana-oncall/grafana-oncall-client.js';
import { readGrafanaOnCallSetup } from './grafana-oncall/read-grafana-oncall.js';
import { OPSGENIE_API_URL, OpsgenieApiError, OpsgenieClient } from './opsgenie/opsgenie-client.js';
import { readOpsgenieSetup } from './opsgenie/read-opsgenie.js';
import { PAGERDUTY_API_URL, PagerDutyApiError, PagerDutyClient } from './pagerduty/pagerduty-client.js';
import { readPagerDutySetup } from './pagerduty/read-pagerduty.js';
import { type SourceFetch, sleep } from './source-api.js';

/** What one read needs: the key, where the API is, how requests leave, and the time read at. */
export interface SourceReadOptions {
  token: string;
  apiUrl: string;
  fetch: SourceFetch;
  now: number;
  wait?: (ms: number) => Promise<void>;
}

/** What a read brought back: the set-up, and what the source has that Beacon leaves behind. */
export interface SourceRead {
  setup: ImportSetup;
  notes: string[];
}

/** One source as the server reads it. */
export interface ImportSourceReader {
  /** The tool's name as people write it. */
  label: string;
  defaultApiUrl: string;
  /** What the tool calls the key a read needs. */
  tokenLabel: string;
  read(options: SourceReadOptions): Promise<SourceRead>;
  /** The HTTP status of the tool's refusal (null: unreachable), or undefined for any other error. */
  refusalStatus(error: unknown): number | null | undefined;
}

/** Every source the server can read, by its name in the import set-up. */
export const IMPORT_SOURCE_READERS: Record<ImportSource, ImportSourceReader> = {
  pagerduty: {
    label: 'PagerDuty',
    defaultApiUrl: PAGERDUTY_API_URL,
    tokenLabel: 'REST API key',
    read: async ({ token, apiUrl, fetch, now, wait }) => ({
      setup: await readPagerDutySetup(new PagerDutyClient({ token, apiUrl, fetch, wait: wait ?? sleep }), {
        now,
      }),
      notes: [],
    }),
    refusalStatus: (error) => (error instanceof PagerDutyApiError ? error.status : undefined),
  },
  opsgenie: {
    label: 'Opsgenie',
    defaultApiUrl: OPSGENIE_API_URL,
    tokenLabel: 'API key',
    read: ({ token, apiUrl, fetch, now, wait }) =>
      readOpsgenieSetup(new OpsgenieClient({ apiKey: token, apiUrl, fetch, wait: wait ?? sleep }), { now }),
    refusalStatus: (error) => (error instanceof OpsgenieApiError ? error.status : undefined),
  },
  'grafana-oncall': {
    label: 'Grafana OnCall',
    // Each Grafana Cloud stack has its own OnCall address (Settings → API URL); no default fits all.
    defaultApiUrl: '',
    tokenLabel: 'API token',
    read: ({ token, apiUrl, fetch, now, wait }) =>
      readGrafanaOnCallSetup(new GrafanaOnCallClient({ token, apiUrl, fetch, wait: wait ?? sleep }), { now }),
    refusalStatus: (error) => (error instanceof GrafanaOnCallApiError ? error.status : undefined),
  },
};
