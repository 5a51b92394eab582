import { StrictId } from '../../../core/schemas/common.js';
import { z } from 'zod';
import {
  Service,
  ServiceBody,
  ServicePatch,
  Team,
  TeamBody,
  TeamMemberBody,
  TeamPatch,
} from '../../../core/schemas/catalog.js';
import type { AppContext } from '../../commands/context.js';
import {
  createService,
  getService,
  getServices,
  removeService,
  updateService,
} from '../../commands/services.js';
import {
  createTeam,
  getTeam,
  getTeams,
  removeTeam,
  removeTeamMember,
  setTeamMember,
  updateTeam,
} from '../../commands/teams.js';
import { callerOf } from '../auth.js';
import { IdParams, NoContent, type ZodApp, replies } from '../zod-app.js';

const viewer = { access: { role: 'viewer' as const } };
const responder = { access: { role: 'responder' as const } };
const admin = { access: { role: 'admin' as const } };

/** The service catalog and teams. */
export function catalogRoutes(app: ZodApp, ctx: AppContext): void {
  let tags = ['services'];
  app.get('/api/v1/services', {
    config: viewer,
    schema: {
      tags,
      summary: 'List services',
      response: replies({ 200: z.object({ items: z.array(Service) }) }),
    },
    handler: async () => ({ items: await getServices(ctx) }),
  });
  app.post('/api/v1/services', {
    config: responder,
    schema: { tags, summary: 'Create a service', body: ServiceBody, response: replies({ 201: Service }) },
    handler: async (request, reply) =>
      reply.code(201).send(await createService(ctx, request.body, callerOf(request))),
  });
  app.get('/api/v1/services/:id', {
    config: viewer,
    schema: { tags, summary: 'Get a service', params: IdParams, response: replies({ 200: Service }) },
    handler: (request) => getService(ctx, request.params.id),
  });
  app.patch('/api/v1/services/:id', {
    config: responder,
    schema: {
      tags,
      summary: 'Change a service',
      params: IdParams,
      body: ServicePatch,
      response: replies({ 200: Service }),
    },
    handler: (request) => updateService(ctx, request.params.id, request.body, callerOf(request)),
  });
  app.delete('/api/v1/services/:id', {
    config: admin,
    schema: {
      tags,
      summary: 'Delete a service (admin)',
      params: IdParams,
      response: replies({ 204: NoContent }),
    },
    handler: async (request, reply) => {
      await removeService(ctx, request.params.id, callerOf(request));
      return reply.code(204).send(null);
    },
  });

  tags = ['teams'];
  app.get('/api/v1/teams', {
    config: viewer,
    schema: { tags, summary: 'List teams', response: replies({ 200: z.object({ items: z.array(Team) }) }) },
    handler: async () => ({ items: await getTeams(ctx) }),
  });
  app.post('/api/v1/teams', {
    config: responder,
    schema: { tags, summary: 'Create a team', body: TeamBody, response: replies({ 201: Team }) },
    handler: async (request, reply) =>
      reply.code(201).send(await createTeam(ctx, request.body, callerOf(request))),
  });
  app.get('/api/v1/teams/:id', {
    config: viewer,
    schema: { tags, summary: 'Get a team', params: IdParams, response: replies({ 200: Team }) },
    handler: (request) => getTeam(ctx, request.params.id),
  });
  app.patch('/api/v1/teams/:id', {
    config: responder,
    schema: {
      tags,
      summary: 'Change a team',
      params: IdParams,
      body: TeamPatch,
      response: replies({ 200: Team }),
    },
    handler: (request) => updateTeam(ctx, request.params.id, request.body, callerOf(request)),
  });
  app.delete('/api/v1/teams/:id', {
    config: admin,
    schema: {
      tags,
      summary: 'Delete a team (admin)',
      params: IdParams,
      response: replies({ 204: NoContent }),
    },
    handler: async (request, reply) => {
      await removeTeam(ctx, request.params.id, callerOf(request));
      return reply.code(204).send(null);
    },
  });
  const MemberParams = z.object({
    id: StrictId,
    userId: StrictId,
  });
  app.put('/api/v1/teams/:id/members/:userId', {
    config: responder,
    schema: {
      tags,
      summary: 'Add a member or change their role',
      params: MemberParams,
      body: TeamMemberBody.omit({ userId: true }),
      response: replies({ 200: Team }),
    },
    handler: (request) =>
      setTeamMember(
        ctx,
        request.params.id,
        { userId: request.params.userId, role: request.body.role },
        callerOf(request),
      ),
  });
  app.delete('/api/v1/teams/:id/members/:userId', {
    config: responder,
    schema: { tags, summary: 'Remove a member', params: MemberParams, response: replies({ 200: Team }) },
    handler: (request) => removeTeamMember(ctx, request.params.id, request.params.userId, callerOf(request)),
  });
}
