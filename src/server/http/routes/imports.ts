import { ImportRequest, ImportResult } from '../../../core/schemas/import.js';
import type { AppContext } from '../../commands/context.js';
import { runImport } from '../../commands/import/run-import.js';
import { serverSigningSecret } from '../../commands/oncall/action-links.js';
import type { Config } from '../../config.js';
import { callerOf } from '../auth.js';
import { type ZodApp, replies } from '../zod-app.js';

const admin = { access: { role: 'admin' as const } };

/** Imports from other on-call tools: the plan, and its apply (`beacon import`, docs/migrate/). */
export function importRoutes(app: ZodApp, ctx: AppContext, config: Pick<Config, 'baseUrl' | 'secret'>): void {
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
}
