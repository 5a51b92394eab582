import { z } from 'zod';
import { StrictId } from '../../../core/schemas/common.js';
import {
  ComponentGroup,
  ComponentGroupBody,
  ComponentGroupPatch,
  CorrectUpdateBody,
  PublicIncidentPreview,
  PublicIncidentState,
  PublicUpdate,
  PublishUpdateBody,
  StatusComponent,
  StatusComponentBody,
  StatusComponentPatch,
  StatusPageSettings,
  StatusPageSettingsPatch,
  UpdateTemplate,
  UpdateTemplateBody,
  UpdateTemplatePatch,
} from '../../../core/schemas/status-page.js';
import type { AppContext } from '../../commands/context.js';
import {
  createStatusComponent,
  getStatusComponents,
  removeStatusComponent,
  updateStatusComponentCommand,
} from '../../commands/status/components.js';
import {
  createStatusGroup,
  getStatusGroups,
  removeStatusGroup,
  updateStatusGroupCommand,
} from '../../commands/status/groups.js';
import { getStatusSettings, updateStatusSettingsCommand } from '../../commands/status/page-settings.js';
import {
  correctPublicUpdate,
  getPublicUpdates,
  previewPublicUpdate,
  publishPublicUpdate,
} from '../../commands/status/public-updates.js';
import {
  createStatusTemplate,
  getStatusTemplates,
  removeStatusTemplate,
  updateStatusTemplateCommand,
} from '../../commands/status/templates.js';
import { callerOf } from '../auth.js';
import { IdParams, NoContent, RefParams, type ZodApp, replies } from '../zod-app.js';

const viewer = { access: { role: 'viewer' as const } };
const responder = { access: { role: 'responder' as const } };
const admin = { access: { role: 'admin' as const } };
const tags = ['status page'];

/** The status page's settings, groups, components and templates, and incidents' public updates. */
export function statusPageRoutes(app: ZodApp, ctx: AppContext, baseUrl: string): void {
  app.get('/api/v1/status-page', {
    config: viewer,
    schema: { tags, summary: 'The status page settings', response: replies({ 200: StatusPageSettings }) },
    handler: () => getStatusSettings(ctx, baseUrl),
  });
  app.patch('/api/v1/status-page', {
    config: admin,
    schema: {
      tags,
      summary: 'Change the status page settings (admin)',
      body: StatusPageSettingsPatch,
      response: replies({ 200: StatusPageSettings }),
    },
    handler: (request) => updateStatusSettingsCommand(ctx, callerOf(request), request.body, baseUrl),
  });
  groupRoutes(app, ctx);
  componentRoutes(app, ctx);
  templateRoutes(app, ctx);
  publicUpdateRoutes(app, ctx, baseUrl);
}

function groupRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/status-page/groups', {
    config: viewer,
    schema: {
      tags,
      summary: 'Component groups, in page order',
      response: replies({ 200: z.object({ items: z.array(ComponentGroup) }) }),
    },
    handler: async () => ({ items: await getStatusGroups(ctx) }),
  });
  app.post('/api/v1/status-page/groups', {
    config: admin,
    schema: {
      tags,
      summary: 'Add a component group (admin)',
      body: ComponentGroupBody,
      response: replies({ 201: ComponentGroup }),
    },
    handler: async (request, reply) =>
      reply.code(201).send(await createStatusGroup(ctx, callerOf(request), request.body)),
  });
  app.patch('/api/v1/status-page/groups/:id', {
    config: admin,
    schema: {
      tags,
      summary: 'Change a component group (admin)',
      params: IdParams,
      body: ComponentGroupPatch,
      response: replies({ 200: ComponentGroup }),
    },
    handler: (request) => updateStatusGroupCommand(ctx, callerOf(request), request.params.id, request.body),
  });
  app.delete('/api/v1/status-page/groups/:id', {
    config: admin,
    schema: {
      tags,
      summary: 'Delete a component group; its components stay, ungrouped (admin)',
      params: IdParams,
      response: replies({ 204: NoContent }),
    },
    handler: async (request, reply) => {
      await removeStatusGroup(ctx, callerOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
}

function componentRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/status-page/components', {
    config: viewer,
    schema: {
      tags,
      summary: 'Components in page order, with the status the page shows now',
      response: replies({ 200: z.object({ items: z.array(StatusComponent) }) }),
    },
    handler: async () => ({ items: await getStatusComponents(ctx) }),
  });
  app.post('/api/v1/status-page/components', {
    config: admin,
    schema: {
      tags,
      summary: 'Add a component (admin)',
      body: StatusComponentBody,
      response: replies({ 201: StatusComponent }),
    },
    handler: async (request, reply) =>
      reply.code(201).send(await createStatusComponent(ctx, callerOf(request), request.body)),
  });
  app.patch('/api/v1/status-page/components/:id', {
    config: admin,
    schema: {
      tags,
      summary: 'Change a component (admin)',
      params: IdParams,
      body: StatusComponentPatch,
      response: replies({ 200: StatusComponent }),
    },
    handler: (request) =>
      updateStatusComponentCommand(ctx, callerOf(request), request.params.id, request.body),
  });
  app.delete('/api/v1/status-page/components/:id', {
    config: admin,
    schema: {
      tags,
      summary: 'Delete a component (admin)',
      params: IdParams,
      response: replies({ 204: NoContent }),
    },
    handler: async (request, reply) => {
      await removeStatusComponent(ctx, callerOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
}

function templateRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/status-page/templates', {
    config: viewer,
    schema: {
      tags,
      summary: 'Public update templates',
      response: replies({ 200: z.object({ items: z.array(UpdateTemplate) }) }),
    },
    handler: async () => ({ items: await getStatusTemplates(ctx) }),
  });
  app.post('/api/v1/status-page/templates', {
    config: admin,
    schema: {
      tags,
      summary: 'Add a public update template (admin)',
      body: UpdateTemplateBody,
      response: replies({ 201: UpdateTemplate }),
    },
    handler: async (request, reply) =>
      reply.code(201).send(await createStatusTemplate(ctx, callerOf(request), request.body)),
  });
  app.patch('/api/v1/status-page/templates/:id', {
    config: admin,
    schema: {
      tags,
      summary: 'Change a public update template (admin)',
      params: IdParams,
      body: UpdateTemplatePatch,
      response: replies({ 200: UpdateTemplate }),
    },
    handler: (request) =>
      updateStatusTemplateCommand(ctx, callerOf(request), request.params.id, request.body),
  });
  app.delete('/api/v1/status-page/templates/:id', {
    config: admin,
    schema: {
      tags,
      summary: 'Delete a public update template (admin)',
      params: IdParams,
      response: replies({ 204: NoContent }),
    },
    handler: async (request, reply) => {
      await removeStatusTemplate(ctx, callerOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
}

const PublicUpdateParams = RefParams.extend({ id: StrictId });

function publicUpdateRoutes(app: ZodApp, ctx: AppContext, baseUrl: string): void {
  app.get('/api/v1/incidents/:ref/public-updates', {
    config: viewer,
    schema: {
      tags,
      summary: 'Whether an incident is on the status page, its public title and impact, its public updates',
      params: RefParams,
      response: replies({ 200: PublicIncidentState }),
    },
    handler: (request) => getPublicUpdates(ctx, request.params.ref),
  });
  app.post('/api/v1/incidents/:ref/public-updates', {
    config: responder,
    schema: {
      tags,
      summary: 'Publish a public update (the first one puts the incident on the status page)',
      params: RefParams,
      body: PublishUpdateBody,
      response: replies({ 201: PublicUpdate }),
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await publishPublicUpdate(ctx, callerOf(request), request.params.ref, request.body)),
  });
  app.post('/api/v1/incidents/:ref/public-updates/preview', {
    config: responder,
    schema: {
      tags,
      summary: 'How the incident would look on the status page with this update (nothing is saved)',
      params: RefParams,
      body: PublishUpdateBody,
      response: replies({ 200: PublicIncidentPreview }),
    },
    handler: (request) => previewPublicUpdate(ctx, request.params.ref, request.body, baseUrl),
  });
  app.patch('/api/v1/incidents/:ref/public-updates/:id', {
    config: responder,
    schema: {
      tags,
      summary: 'Correct a public update (shown as updated)',
      params: PublicUpdateParams,
      body: CorrectUpdateBody,
      response: replies({ 200: PublicUpdate }),
    },
    handler: (request) =>
      correctPublicUpdate(ctx, callerOf(request), request.params.ref, request.params.id, request.body),
  });
}
