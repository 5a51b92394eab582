import { z } from 'zod';
import {
  AlertListQuery,
  AlertPage,
  AlertRulesPatch,
  AlertRulesSchema,
  AlertWithHistory,
  ChangeEvent,
  CreateIntegrationBody,
  CreateMaintenanceBody,
  Integration,
  IntegrationWithKey,
  MaintenanceWindow,
  UpdateIntegrationBody,
} from '../../../core/schemas/alerting.js';
import { Id, Limit, Timestamp } from '../../../core/schemas/common.js';
import { TestAlertResult } from '../../../core/schemas/getting-started.js';
import { getChangeEvents } from '../../commands/alerts/change-events.js';
import {
  endMaintenanceWindow,
  getMaintenance,
  scheduleMaintenance,
} from '../../commands/alerts/maintenance.js';
import { getAlert, getAlerts } from '../../commands/alerts/read-alerts.js';
import { sendTestAlert } from '../../commands/alerts/send-test-alert.js';
import { getAlertRules, updateAlertRules } from '../../commands/alerts/update-alert-rules.js';
import type { AppContext } from '../../commands/context.js';
import {
  createIntegration,
  getIntegration,
  getIntegrations,
  removeIntegration,
  rotateIntegrationKey,
  updateIntegration,
} from '../../commands/integrations.js';
import { callerOf } from '../auth.js';
import { IdParams, NoContent, type ZodApp, replies } from '../zod-app.js';

const viewer = { access: { role: 'viewer' as const } };
const responder = { access: { role: 'responder' as const } };
const admin = { access: { role: 'admin' as const } };

/** Integrations, alerts, alert rules, maintenance windows and change events. */
export function alertingRoutes(app: ZodApp, ctx: AppContext): void {
  integrationRoutes(app, ctx);
  const tags = ['alerts'];
  app.get('/api/v1/alerts', {
    config: viewer,
    schema: {
      tags,
      summary: 'List alerts, newest first',
      querystring: AlertListQuery,
      response: replies({ 200: AlertPage }),
    },
    handler: (request) => getAlerts(ctx, request.query),
  });
  app.get('/api/v1/alerts/:id', {
    config: viewer,
    schema: {
      tags,
      summary: 'An alert with its payload and history',
      params: IdParams,
      response: replies({ 200: AlertWithHistory }),
    },
    handler: (request) => getAlert(ctx, request.params.id),
  });
  app.get('/api/v1/services/:id/alert-rules', {
    config: viewer,
    schema: {
      tags,
      summary: 'Alert grouping, auto-resolve and flap rules of a service',
      params: IdParams,
      response: replies({ 200: AlertRulesSchema }),
    },
    handler: (request) => getAlertRules(ctx, request.params.id),
  });
  app.patch('/api/v1/services/:id/alert-rules', {
    config: responder,
    schema: {
      tags,
      summary: 'Change alert rules of a service',
      params: IdParams,
      body: AlertRulesPatch,
      response: replies({ 200: AlertRulesSchema }),
    },
    handler: (request) => updateAlertRules(ctx, request.params.id, request.body, callerOf(request)),
  });
  app.get('/api/v1/change-events', {
    config: viewer,
    schema: {
      tags,
      summary: 'Change events (deploys…) of a service, or around an incident',
      querystring: z.object({
        serviceId: Id.optional(),
        incident: z.string().max(20).optional(),
        from: Timestamp.optional(),
        to: Timestamp.optional(),
        limit: Limit,
      }),
      response: replies({ 200: z.object({ items: z.array(ChangeEvent) }) }),
    },
    handler: async (request) => {
      const q = request.query;
      const items = await getChangeEvents(ctx, {
        ...(q.serviceId !== undefined ? { serviceId: q.serviceId } : {}),
        ...(q.incident ? { incident: q.incident } : {}),
        ...(q.from ? { from: Date.parse(q.from) } : {}),
        ...(q.to ? { to: Date.parse(q.to) } : {}),
        limit: q.limit,
      });
      return { items };
    },
  });
  maintenanceRoutes(app, ctx);
}

function maintenanceRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['maintenance'];
  app.get('/api/v1/maintenance', {
    config: viewer,
    schema: {
      tags,
      summary: 'Current and upcoming maintenance windows',
      querystring: z.object({ serviceId: Id.optional() }),
      response: replies({ 200: z.object({ items: z.array(MaintenanceWindow) }) }),
    },
    handler: async (request) => ({ items: await getMaintenance(ctx, request.query.serviceId) }),
  });
  app.post('/api/v1/services/:id/maintenance', {
    config: responder,
    schema: {
      tags,
      summary: 'Schedule a maintenance window',
      params: IdParams,
      body: CreateMaintenanceBody,
      response: replies({ 201: MaintenanceWindow }),
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await scheduleMaintenance(ctx, callerOf(request), request.params.id, request.body)),
  });
  app.delete('/api/v1/maintenance/:id', {
    config: responder,
    schema: {
      tags,
      summary: 'End a window now, or cancel one not started',
      params: IdParams,
      response: replies({ 204: NoContent }),
    },
    handler: async (request, reply) => {
      await endMaintenanceWindow(ctx, callerOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
}

function integrationRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['integrations'];
  const List = z.object({ items: z.array(Integration) });
  app.get('/api/v1/integrations', {
    config: viewer,
    schema: { tags, summary: 'Every integration (without keys)', response: replies({ 200: List }) },
    handler: async () => ({ items: await getIntegrations(ctx) }),
  });
  app.get('/api/v1/services/:id/integrations', {
    config: viewer,
    schema: {
      tags,
      summary: "A service's integrations (without keys)",
      params: IdParams,
      response: replies({ 200: List }),
    },
    handler: async (request) => ({ items: await getIntegrations(ctx, request.params.id) }),
  });
  app.post('/api/v1/services/:id/integrations', {
    config: admin,
    schema: {
      tags,
      summary: 'Create an integration (admin); the only reply with its key',
      params: IdParams,
      body: CreateIntegrationBody,
      response: replies({ 201: IntegrationWithKey }),
    },
    handler: async (request, reply) =>
      reply.code(201).send(await createIntegration(ctx, callerOf(request), request.params.id, request.body)),
  });
  app.get('/api/v1/integrations/:id', {
    config: viewer,
    schema: { tags, summary: 'One integration', params: IdParams, response: replies({ 200: Integration }) },
    handler: (request) => getIntegration(ctx, request.params.id),
  });
  app.patch('/api/v1/integrations/:id', {
    config: admin,
    schema: {
      tags,
      summary: 'Rename, disable or enable (admin)',
      params: IdParams,
      body: UpdateIntegrationBody,
      response: replies({ 200: Integration }),
    },
    handler: (request) => updateIntegration(ctx, callerOf(request), request.params.id, request.body),
  });
  app.post('/api/v1/integrations/:id/rotate', {
    config: admin,
    schema: {
      tags,
      summary: 'Replace the key, replying with the new one; the old one stops working at once (admin)',
      params: IdParams,
      response: replies({ 200: IntegrationWithKey }),
    },
    handler: (request) => rotateIntegrationKey(ctx, callerOf(request), request.params.id),
  });
  app.post('/api/v1/integrations/:id/test-alert', {
    config: responder,
    schema: {
      tags,
      summary: 'Send a test alert through the alert pipeline, as if the integration had sent it',
      params: IdParams,
      response: replies({ 201: TestAlertResult }),
    },
    handler: async (request, reply) =>
      reply.code(201).send(await sendTestAlert(ctx, callerOf(request), request.params.id)),
  });
  app.delete('/api/v1/integrations/:id', {
    config: admin,
    schema: {
      tags,
      summary: 'Delete an integration (admin)',
      params: IdParams,
      response: replies({ 204: NoContent }),
    },
    handler: async (request, reply) => {
      await removeIntegration(ctx, callerOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
}
