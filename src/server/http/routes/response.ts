import { StrictId } from '../../../core/schemas/common.js';
import {
  AddTaskBody,
  AssignRoleBody,
  AttachPlanBody,
  AttachedPlan,
  AttachedPlanList,
  CreatePlanBody,
  IncidentRoles,
  IncidentTask,
  IncidentTaskList,
  ResponsePlan,
  ResponsePlanList,
  ResponseRoleSchema,
  UpdatePlanBody,
  UpdateTaskBody,
} from '../../../core/schemas/response.js';
import type { AppContext } from '../../commands/context.js';
import { attachPlanByHand, getAttachedPlans } from '../../commands/response/attach-plans.js';
import { changePlan, createPlan, getPlan, getPlans, removePlan } from '../../commands/response/plans.js';
import { assignRole, getRoles } from '../../commands/response/roles.js';
import { addTask, changeTask, getTasks, removeTask } from '../../commands/response/tasks.js';
import { callerOf } from '../auth.js';
import { IdParams, NoContent, RefParams, type ZodApp, replies } from '../zod-app.js';

const viewer = { access: { role: 'viewer' as const } };
const responder = { access: { role: 'responder' as const } };
const admin = { access: { role: 'admin' as const } };

const TaskParams = RefParams.extend({ id: StrictId });
const RoleParams = RefParams.extend({ role: ResponseRoleSchema });

/** Response plans, and each incident's plans, tasks and roles. */
export function responseRoutes(app: ZodApp, ctx: AppContext): void {
  planRoutes(app, ctx);
  taskRoutes(app, ctx);
  const tags = ['response'];
  app.get('/api/v1/incidents/:ref/roles', {
    config: viewer,
    schema: {
      tags,
      summary: 'Who holds each incident role',
      params: RefParams,
      response: replies({ 200: IncidentRoles }),
    },
    handler: (request) => getRoles(ctx, request.params.ref),
  });
  app.put('/api/v1/incidents/:ref/roles/:role', {
    config: responder,
    schema: {
      tags,
      summary: 'Give an incident role to a user (null clears it)',
      params: RoleParams,
      body: AssignRoleBody,
      response: replies({ 200: IncidentRoles }),
    },
    handler: (request) =>
      assignRole(ctx, callerOf(request), request.params.ref, request.params.role, request.body.userId),
  });
  app.get('/api/v1/incidents/:ref/plans', {
    config: viewer,
    schema: {
      tags,
      summary: 'Plans attached to an incident',
      params: RefParams,
      response: replies({ 200: AttachedPlanList }),
    },
    handler: async (request) => ({ items: await getAttachedPlans(ctx, request.params.ref) }),
  });
  app.post('/api/v1/incidents/:ref/plans', {
    config: responder,
    schema: {
      tags,
      summary: 'Attach a response plan by hand',
      params: RefParams,
      body: AttachPlanBody,
      response: replies({ 201: AttachedPlan }),
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await attachPlanByHand(ctx, callerOf(request), request.params.ref, request.body.planId)),
  });
}

function planRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['response'];
  app.get('/api/v1/response-plans', {
    config: viewer,
    schema: { tags, summary: 'List response plans', response: replies({ 200: ResponsePlanList }) },
    handler: async () => ({ items: await getPlans(ctx) }),
  });
  app.post('/api/v1/response-plans', {
    config: responder,
    schema: {
      tags,
      summary: 'Create a response plan',
      body: CreatePlanBody,
      response: replies({ 201: ResponsePlan }),
    },
    handler: async (request, reply) =>
      reply.code(201).send(await createPlan(ctx, callerOf(request), request.body)),
  });
  app.get('/api/v1/response-plans/:id', {
    config: viewer,
    schema: {
      tags,
      summary: 'Get a response plan',
      params: IdParams,
      response: replies({ 200: ResponsePlan }),
    },
    handler: (request) => getPlan(ctx, request.params.id),
  });
  app.patch('/api/v1/response-plans/:id', {
    config: responder,
    schema: {
      tags,
      summary: 'Change a response plan',
      params: IdParams,
      body: UpdatePlanBody,
      response: replies({ 200: ResponsePlan }),
    },
    handler: (request) => changePlan(ctx, callerOf(request), request.params.id, request.body),
  });
  app.delete('/api/v1/response-plans/:id', {
    config: admin,
    schema: {
      tags,
      summary: 'Delete a response plan',
      params: IdParams,
      response: replies({ 204: NoContent }),
    },
    handler: async (request, reply) => {
      await removePlan(ctx, callerOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
}

function taskRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['response'];
  app.get('/api/v1/incidents/:ref/tasks', {
    config: viewer,
    schema: {
      tags,
      summary: 'Tasks of an incident',
      params: RefParams,
      response: replies({ 200: IncidentTaskList }),
    },
    handler: async (request) => ({ items: await getTasks(ctx, request.params.ref) }),
  });
  app.post('/api/v1/incidents/:ref/tasks', {
    config: responder,
    schema: {
      tags,
      summary: 'Add a task',
      params: RefParams,
      body: AddTaskBody,
      response: replies({ 201: IncidentTask }),
    },
    handler: async (request, reply) =>
      reply.code(201).send(await addTask(ctx, callerOf(request), request.params.ref, request.body)),
  });
  app.patch('/api/v1/incidents/:ref/tasks/:id', {
    config: responder,
    schema: {
      tags,
      summary: 'Change a task or tick it off',
      params: TaskParams,
      body: UpdateTaskBody,
      response: replies({ 200: IncidentTask }),
    },
    handler: (request) =>
      changeTask(ctx, callerOf(request), request.params.ref, request.params.id, request.body),
  });
  app.delete('/api/v1/incidents/:ref/tasks/:id', {
    config: responder,
    schema: { tags, summary: 'Remove a task', params: TaskParams, response: replies({ 204: NoContent }) },
    handler: async (request, reply) => {
      await removeTask(ctx, callerOf(request), request.params.ref, request.params.id);
      return reply.code(204).send(null);
    },
  });
}
