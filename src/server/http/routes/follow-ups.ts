import {
  CreateFollowUpBody,
  FollowUp,
  FollowUpListQuery,
  FollowUpPage,
  FollowUpParams,
  IncidentFollowUps,
  UpdateFollowUpBody,
} from '../../../core/schemas/follow-ups.js';
import type { AppContext } from '../../commands/context.js';
import {
  findFollowUps,
  followUpsOfIncident,
  getFollowUp,
} from '../../commands/follow-ups/read-follow-ups.js';
import {
  createFollowUp,
  deleteFollowUp,
  updateFollowUp,
} from '../../commands/follow-ups/write-follow-ups.js';
import { callerOf } from '../auth.js';
import { NoContent, RefParams, type ZodApp, replies } from '../zod-app.js';

const tags = ['follow-ups'];
const viewer = { access: { role: 'viewer' as const } };
const responder = { access: { role: 'responder' as const } };

/** Follow-up actions: across incidents, and each incident's own. */
export function followUpRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/follow-ups', {
    config: viewer,
    schema: {
      tags,
      summary: 'List follow-up actions (filters: state, open, overdue, mine, owner, team, service, incident)',
      querystring: FollowUpListQuery,
      response: replies({ 200: FollowUpPage }),
    },
    handler: (request) => findFollowUps(ctx, request.query, callerOf(request)),
  });
  app.post('/api/v1/follow-ups', {
    config: responder,
    schema: {
      tags,
      summary: 'Create a follow-up action',
      body: CreateFollowUpBody,
      response: replies({ 201: FollowUp }),
    },
    handler: async (request, reply) =>
      reply.code(201).send(await createFollowUp(ctx, callerOf(request), request.body)),
  });
  app.get('/api/v1/follow-ups/:id', {
    config: viewer,
    schema: {
      tags,
      summary: 'One follow-up action',
      params: FollowUpParams,
      response: replies({ 200: FollowUp }),
    },
    handler: (request) => getFollowUp(ctx, request.params.id),
  });
  app.patch('/api/v1/follow-ups/:id', {
    config: responder,
    schema: {
      tags,
      summary: "Edit a follow-up action, move its state (won't do needs a reason) or its incidents",
      params: FollowUpParams,
      body: UpdateFollowUpBody,
      response: replies({ 200: FollowUp }),
    },
    handler: (request) => updateFollowUp(ctx, callerOf(request), request.params.id, request.body),
  });
  app.delete('/api/v1/follow-ups/:id', {
    config: responder,
    schema: {
      tags,
      summary: 'Delete a follow-up action',
      params: FollowUpParams,
      response: replies({ 204: NoContent }),
    },
    handler: async (request, reply) => {
      await deleteFollowUp(ctx, request.params.id);
      return reply.code(204).send(null);
    },
  });
  app.get('/api/v1/incidents/:ref/follow-ups', {
    config: viewer,
    schema: {
      tags,
      summary: "An incident's follow-up actions and how many are open",
      params: RefParams,
      response: replies({ 200: IncidentFollowUps }),
    },
    handler: (request) => followUpsOfIncident(ctx, request.params.ref),
  });
  app.post('/api/v1/incidents/:ref/follow-ups', {
    config: responder,
    schema: {
      tags,
      summary: 'Create a follow-up action of this incident',
      params: RefParams,
      body: CreateFollowUpBody,
      response: replies({ 201: FollowUp }),
    },
    handler: async (request, reply) =>
      reply.code(201).send(await createFollowUp(ctx, callerOf(request), request.body, request.params.ref)),
  });
}
