import { z } from 'zod';
import {
  ApiToken,
  AuditEntry,
  CreateTokenBody,
  CreateUserBody,
  CreatedToken,
  Settings,
  SettingsPatch,
  UpdateUserBody,
  User,
} from '../../../core/schemas/access.js';
import { Limit, StrictId, pageOf } from '../../../core/schemas/common.js';
import { getAuditLog } from '../../commands/audit.js';
import type { AppContext } from '../../commands/context.js';
import { getSettings, updateSettings } from '../../commands/settings.js';
import { createToken, getTokens, revokeToken } from '../../commands/tokens.js';
import { createUser, getUser, getUsers, updateUser } from '../../commands/users.js';
import { callerOf } from '../auth.js';
import { IdParams, NoContent, type ZodApp, replies } from '../zod-app.js';

const admin = { access: { role: 'admin' as const } };
const viewer = { access: { role: 'viewer' as const } };

/** Users, API tokens, the audit log and settings. */
export function adminRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['users'];
  app.get('/api/v1/users', {
    config: viewer,
    schema: { tags, summary: 'List users', response: replies({ 200: z.object({ items: z.array(User) }) }) },
    handler: async () => ({ items: await getUsers(ctx) }),
  });
  app.get('/api/v1/users/:id', {
    config: viewer,
    schema: { tags, summary: 'Get a user', params: IdParams, response: replies({ 200: User }) },
    handler: (request) => getUser(ctx, request.params.id),
  });
  app.post('/api/v1/users', {
    config: admin,
    schema: {
      tags,
      summary: 'Create a user (admin)',
      body: CreateUserBody,
      response: replies({ 201: User }),
    },
    handler: async (request, reply) =>
      reply.code(201).send(await createUser(ctx, callerOf(request), request.body)),
  });
  app.patch('/api/v1/users/:id', {
    config: admin,
    schema: {
      tags,
      summary: 'Change a user (admin)',
      params: IdParams,
      body: UpdateUserBody,
      response: replies({ 200: User }),
    },
    handler: (request) => updateUser(ctx, callerOf(request), request.params.id, request.body),
  });

  tokenRoutes(app, ctx);

  app.get('/api/v1/audit', {
    config: admin,
    schema: {
      tags: ['audit'],
      summary: 'Audit log of administrative actions (admin)',
      querystring: z.object({ limit: Limit, cursor: StrictId.optional() }),
      response: replies({ 200: pageOf(AuditEntry) }),
    },
    handler: (request) => getAuditLog(ctx, request.query.limit, request.query.cursor),
  });

  app.get('/api/v1/settings', {
    config: viewer,
    schema: { tags: ['settings'], summary: 'Workspace settings', response: replies({ 200: Settings }) },
    handler: () => getSettings(ctx.store.db),
  });
  app.patch('/api/v1/settings', {
    config: admin,
    schema: {
      tags: ['settings'],
      summary: 'Change settings (admin)',
      body: SettingsPatch,
      response: replies({ 200: Settings }),
    },
    handler: (request) => updateSettings(ctx, callerOf(request), request.body),
  });
}

function tokenRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['tokens'];
  app.get('/api/v1/tokens', {
    config: viewer,
    schema: {
      tags,
      summary: 'Your API tokens (all tokens for admins with all=true)',
      querystring: z.object({ all: z.enum(['true', 'false']).optional() }),
      response: replies({ 200: z.object({ items: z.array(ApiToken) }) }),
    },
    handler: async (request) => ({
      items: await getTokens(ctx, callerOf(request), request.query.all === 'true'),
    }),
  });
  app.post('/api/v1/tokens', {
    config: viewer,
    schema: {
      tags,
      summary: 'Create an API token; the secret is in this reply only',
      body: CreateTokenBody,
      response: replies({ 201: CreatedToken }),
    },
    handler: async (request, reply) =>
      reply.code(201).send(await createToken(ctx, callerOf(request), request.body)),
  });
  app.delete('/api/v1/tokens/:id', {
    config: viewer,
    schema: { tags, summary: 'Revoke an API token', params: IdParams, response: replies({ 204: NoContent }) },
    handler: async (request, reply) => {
      await revokeToken(ctx, callerOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
}
