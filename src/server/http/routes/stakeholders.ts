import { StrictId } from '../../../core/schemas/common.js';
import {
  AddStakeholderBody,
  IncidentUpdate,
  IncidentUpdateList,
  PostUpdateBody,
  Stakeholder,
  StakeholderList,
} from '../../../core/schemas/stakeholders.js';
import type { AppContext } from '../../commands/context.js';
import {
  getUpdates,
  postStakeholderUpdate,
  postStatusUpdate,
} from '../../commands/response/incident-updates.js';
import {
  addStakeholder,
  getStakeholders,
  removeStakeholder,
  subscribe,
  unsubscribe,
} from '../../commands/response/stakeholders.js';
import { callerOf } from '../auth.js';
import { NoContent, RefParams, type ZodApp, replies } from '../zod-app.js';

const viewer = { access: { role: 'viewer' as const } };
const responder = { access: { role: 'responder' as const } };

const StakeholderParams = RefParams.extend({ id: StrictId });

/** The schema of a route that answers with an incident's stakeholders. */
function stakeholderListSchema(summary: string) {
  return { tags: ['stakeholders'], summary, params: RefParams, response: replies({ 200: StakeholderList }) };
}

/** The schema of a route that posts an update to an incident. */
function postUpdateSchema(summary: string) {
  return {
    tags: ['stakeholders'],
    summary,
    params: RefParams,
    body: PostUpdateBody,
    response: replies({ 201: IncidentUpdate }),
  };
}

/** Each incident's stakeholders, subscriptions, and its status and stakeholder updates. */
export function stakeholderRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['stakeholders'];
  app.get('/api/v1/incidents/:ref/stakeholders', {
    config: viewer,
    schema: stakeholderListSchema(
      'Stakeholders of an incident, the defaults that apply, and whether you subscribed',
    ),
    handler: (request) => getStakeholders(ctx, callerOf(request), request.params.ref),
  });
  app.post('/api/v1/incidents/:ref/stakeholders', {
    config: responder,
    schema: {
      tags,
      summary: 'Add a user, a team or an email address as a stakeholder',
      params: RefParams,
      body: AddStakeholderBody,
      response: replies({ 201: Stakeholder }),
    },
    handler: async (request, reply) =>
      reply.code(201).send(await addStakeholder(ctx, callerOf(request), request.params.ref, request.body)),
  });
  app.delete('/api/v1/incidents/:ref/stakeholders/:id', {
    config: responder,
    schema: {
      tags,
      summary: 'Remove a stakeholder',
      params: StakeholderParams,
      response: replies({ 204: NoContent }),
    },
    handler: async (request, reply) => {
      await removeStakeholder(ctx, callerOf(request), request.params.ref, request.params.id);
      return reply.code(204).send(null);
    },
  });
  app.put('/api/v1/incidents/:ref/subscription', {
    config: viewer,
    schema: stakeholderListSchema('Subscribe yourself to stakeholder updates of an incident'),
    handler: (request) => subscribe(ctx, callerOf(request), request.params.ref),
  });
  app.delete('/api/v1/incidents/:ref/subscription', {
    config: viewer,
    schema: stakeholderListSchema('Unsubscribe yourself from stakeholder updates of an incident'),
    handler: (request) => unsubscribe(ctx, callerOf(request), request.params.ref),
  });
  updateRoutes(app, ctx);
}

function updateRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['stakeholders'];
  app.get('/api/v1/incidents/:ref/updates', {
    config: viewer,
    schema: {
      tags,
      summary: 'Status and stakeholder updates of an incident, and when the next is due',
      params: RefParams,
      response: replies({ 200: IncidentUpdateList }),
    },
    handler: (request) => getUpdates(ctx, request.params.ref),
  });
  app.post('/api/v1/incidents/:ref/updates', {
    config: responder,
    schema: postUpdateSchema('Post a status update (recorded with the current status, severity and impact)'),
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await postStatusUpdate(ctx, callerOf(request), request.params.ref, request.body.message)),
  });
  app.post('/api/v1/incidents/:ref/stakeholder-updates', {
    config: responder,
    schema: postUpdateSchema('Post a stakeholder update and email it to every stakeholder once'),
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await postStakeholderUpdate(ctx, callerOf(request), request.params.ref, request.body.message)),
  });
}
