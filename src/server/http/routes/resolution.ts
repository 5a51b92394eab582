import {
  ResolutionRecord,
  ResolutionSettings,
  ResolutionSettingsPatch,
  UpdateResolutionBody,
} from '../../../core/schemas/resolution.js';
import type { AppContext } from '../../commands/context.js';
import { getResolution, updateResolution } from '../../commands/resolution/resolution-record.js';
import {
  getResolutionSettings,
  updateResolutionSettings,
} from '../../commands/resolution/resolution-settings.js';
import { callerOf } from '../auth.js';
import { RefParams, type ZodApp, replies } from '../zod-app.js';

const viewer = { access: { role: 'viewer' as const } };
const responder = { access: { role: 'responder' as const } };
const admin = { access: { role: 'admin' as const } };

/** The resolution record of an incident, and the settings of resolving and closing. */
export function resolutionRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/incidents/:ref/resolution', {
    config: viewer,
    schema: {
      tags: ['incidents'],
      summary: 'The resolution record, what resolving and closing still need, and auto-close',
      params: RefParams,
      response: replies({ 200: ResolutionRecord }),
    },
    handler: async (request, reply) => {
      const record = await getResolution(ctx, request.params.ref);
      return reply.header('etag', `"${record.version}"`).send(record);
    },
  });
  app.put('/api/v1/incidents/:ref/resolution', {
    config: responder,
    schema: {
      tags: ['incidents'],
      summary: 'Edit the resolution record (fields left out stay; null clears one)',
      params: RefParams,
      body: UpdateResolutionBody,
      response: replies({ 200: ResolutionRecord }),
    },
    handler: async (request, reply) => {
      const record = await updateResolution(ctx, callerOf(request), request.params.ref, request.body);
      return reply.header('etag', `"${record.version}"`).send(record);
    },
  });
  app.get('/api/v1/settings/resolution', {
    config: viewer,
    schema: {
      tags: ['settings'],
      summary: 'Root-cause categories, required fields per severity, auto-close and follow-up reminders',
      response: replies({ 200: ResolutionSettings }),
    },
    handler: () => getResolutionSettings(ctx.store.db),
  });
  app.put('/api/v1/settings/resolution', {
    config: admin,
    schema: {
      tags: ['settings'],
      summary: 'Change the resolution settings (severities left out keep their requirements)',
      body: ResolutionSettingsPatch,
      response: replies({ 200: ResolutionSettings }),
    },
    handler: (request) => updateResolutionSettings(ctx, callerOf(request), request.body),
  });
}
