import { ValidationError } from '../../../core/errors.js';
import { ImportRequest, ImportResult } from '../../../core/schemas/import.js';
import { ImportReadRequest, ImportReadResult, ImportSourceList } from '../../../core/schemas/import-read.js';
import type { AppContext } from '../../commands/context.js';
import { planReadImport } from '../../commands/import/plan-read-import.js';
import { runImport } from '../../commands/import/run-import.js';
import { serverSigningSecret } from '../../commands/oncall/action-links.js';
import type { Config } from '../../config.js';
import { IMPORT_SOURCE_READERS, type ImportSourceReader } from '../../import/import-sources.js';
import type { SourceFetch } from '../../import/source-api.js';
import { callerOf } from '../auth.js';
import { type ZodApp, replies } from '../zod-app.js';

const admin = { access: { role: 'admin' as const } };

/** Imports from other on-call tools: the plan, and its apply (`beacon import`, docs/migrate/). */
export function importRoutes(
  app: ZodApp,
  ctx: AppContext,
  config: Pick<Config, 'baseUrl' | 'secret'>,
  reach: { fetch: SourceFetch; wait?: ((ms: number) => Promise<void>) | undefined },
): void {
  app.post('/api/v1/imports', {
    config: admin,
    bodyLimit: 32 * 1024 * 1024,
    schema: {
      tags: ['imports'],
      summary: "Plan (or apply) the import of another tool's on-call set-up (admin)",
      body: ImportRequest,
      response: replies({ 200: ImportResult }),
    },
    handler: async (request) => {
      const { setup, apply } = request.body;
      return runImport(ctx, setup, apply, {
        caller: callerOf(request),
        signingSecret: await serverSigningSecret(ctx, config.secret),
        baseUrl: config.baseUrl,
      });
    },
  });

  app.get('/api/v1/imports/sources', {
    config: admin,
    schema: {
      tags: ['imports'],
      summary: 'The tools the server can read an import from, with their default API (admin)',
      response: replies({ 200: ImportSourceList }),
    },
    handler: () => ({
      items: Object.entries(IMPORT_SOURCE_READERS).map(([source, reader]) => ({
        source,
        label: reader.label,
        defaultApiUrl: reader.defaultApiUrl,
        tokenLabel: reader.tokenLabel,
      })) as ImportSourceList['items'],
    }),
  });

  app.post('/api/v1/imports/read', {
    config: admin,
    schema: {
      tags: ['imports'],
      summary: "Read another tool's set-up from the server with its key, and plan its import (admin)",
      body: ImportReadRequest,
      response: replies({ 200: ImportReadResult }),
    },
    handler: async (request) => {
      const { source, token } = request.body;
      const reader = IMPORT_SOURCE_READERS[source];
      const apiUrl = (request.body.apiUrl ?? reader.defaultApiUrl).replace(/\/+$/, '');
      if (apiUrl === '') throw new ValidationError('apiUrl', `is needed for ${reader.label}`);
      const read = await readSource(reader, {
        token,
        apiUrl,
        fetch: reach.fetch,
        now: ctx.clock.now(),
        ...(reach.wait ? { wait: reach.wait } : {}),
      });
      const result = await planReadImport(ctx, read.setup, apiUrl, {
        caller: callerOf(request),
        signingSecret: await serverSigningSecret(ctx, config.secret),
        baseUrl: config.baseUrl,
      });
      return { setup: read.setup, result, notes: read.notes };
    },
  });
}

/** Read a source; its refusals become problems naming the field to fix (the key, or the API's URL). */
async function readSource(reader: ImportSourceReader, options: Parameters<ImportSourceReader['read']>[0]) {
  try {
    return await reader.read(options);
  } catch (error) {
    const status = reader.refusalStatus(error);
    if (status === undefined || !(error instanceof Error)) throw error;
    if (status === 401 || status === 403) {
      throw new ValidationError(
        'token',
        `${reader.label} refused this ${reader.tokenLabel} (${error.message})`,
      );
    }
    throw new ValidationError('apiUrl', error.message);
  }
}
