import { StrictId } from '../../../core/schemas/common.js';
import { z } from 'zod';
import {
  CreateWebhookBody,
  UpdateWebhookBody,
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookDeliveryPage,
  WebhookDeliveryQuery,
  WebhookSecret,
  WebhookSubscription,
  WebhookSubscriptionWithSecret,
} from '../../../core/schemas/webhooks.js';
import type { AppContext } from '../../commands/context.js';
import {
  getWebhookDeliveries,
  getWebhookDelivery,
  retryWebhookDelivery,
} from '../../commands/webhooks/deliveries.js';
import { sendWebhookTestEvent } from '../../commands/webhooks/send-test-event.js';
import {
  createWebhookSubscription,
  getWebhookSubscription,
  getWebhookSubscriptions,
  removeWebhookSubscription,
  revealWebhookSecret,
  rotateWebhookSecret,
  updateWebhookSubscriptionSettings,
} from '../../commands/webhooks/subscriptions.js';
import { callerOf } from '../auth.js';
import { IdParams, NoContent, type ZodApp, replies } from '../zod-app.js';

const admin = { access: { role: 'admin' as const } };
const tags = ['webhooks'];
const DeliveryParams = z.object({
  id: StrictId,
  deliveryId: StrictId,
});

/** Outbound webhook subscriptions for incident events and their delivery log (admins only). */
export function webhookRoutes(app: ZodApp, ctx: AppContext, baseUrl: string): void {
  subscriptionRoutes(app, ctx);
  deliveryRoutes(app, ctx, baseUrl);
}

function subscriptionRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/webhooks', {
    config: admin,
    schema: {
      tags,
      summary: 'Webhook subscriptions (admin)',
      response: replies({ 200: z.object({ items: z.array(WebhookSubscription) }) }),
    },
    handler: async () => ({ items: await getWebhookSubscriptions(ctx) }),
  });
  app.post('/api/v1/webhooks', {
    config: admin,
    schema: {
      tags,
      summary: 'Subscribe a URL to incident events; the reply holds the signing secret (admin)',
      body: CreateWebhookBody,
      response: replies({ 201: WebhookSubscriptionWithSecret }),
    },
    handler: async (request, reply) =>
      reply.code(201).send(await createWebhookSubscription(ctx, callerOf(request), request.body)),
  });
  app.get('/api/v1/webhooks/:id', {
    config: admin,
    schema: {
      tags,
      summary: 'One webhook subscription (admin)',
      params: IdParams,
      response: replies({ 200: WebhookSubscription }),
    },
    handler: (request) => getWebhookSubscription(ctx, request.params.id),
  });
  app.patch('/api/v1/webhooks/:id', {
    config: admin,
    schema: {
      tags,
      summary: 'Change a webhook subscription: URL, filters, description, enabled (admin)',
      params: IdParams,
      body: UpdateWebhookBody,
      response: replies({ 200: WebhookSubscription }),
    },
    handler: (request) =>
      updateWebhookSubscriptionSettings(ctx, callerOf(request), request.params.id, request.body),
  });
  app.delete('/api/v1/webhooks/:id', {
    config: admin,
    schema: {
      tags,
      summary: 'Delete a webhook subscription with its queued deliveries and log (admin)',
      params: IdParams,
      response: replies({ 204: NoContent }),
    },
    handler: async (request, reply) => {
      await removeWebhookSubscription(ctx, callerOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
  app.get('/api/v1/webhooks/:id/secret', {
    config: admin,
    schema: {
      tags,
      summary: 'The signing secret of a webhook subscription (admin; audited)',
      params: IdParams,
      response: replies({ 200: WebhookSecret }),
    },
    handler: (request) => revealWebhookSecret(ctx, callerOf(request), request.params.id),
  });
  app.post('/api/v1/webhooks/:id/rotate-secret', {
    config: admin,
    schema: {
      tags,
      summary: 'Replace the signing secret; the old one stops signing at once (admin)',
      params: IdParams,
      response: replies({ 200: WebhookSubscriptionWithSecret }),
    },
    handler: (request) => rotateWebhookSecret(ctx, callerOf(request), request.params.id),
  });
  app.post('/api/v1/webhooks/:id/test', {
    config: admin,
    schema: {
      tags,
      summary: 'Queue a webhook.test event to this subscription (admin)',
      params: IdParams,
      response: replies({ 202: WebhookDelivery }),
    },
    handler: async (request, reply) =>
      reply.code(202).send(await sendWebhookTestEvent(ctx, callerOf(request), request.params.id)),
  });
}

function deliveryRoutes(app: ZodApp, ctx: AppContext, baseUrl: string): void {
  app.get('/api/v1/webhooks/:id/deliveries', {
    config: admin,
    schema: {
      tags,
      summary: 'Delivery log of a subscription, newest first (admin)',
      params: IdParams,
      querystring: WebhookDeliveryQuery,
      response: replies({ 200: WebhookDeliveryPage }),
    },
    handler: (request) => getWebhookDeliveries(ctx, request.params.id, request.query),
  });
  app.get('/api/v1/webhooks/:id/deliveries/:deliveryId', {
    config: admin,
    schema: {
      tags,
      summary: 'One delivery with the body it sends and every attempt (admin)',
      params: DeliveryParams,
      response: replies({ 200: WebhookDeliveryDetail }),
    },
    handler: (request) => getWebhookDelivery(ctx, request.params.id, request.params.deliveryId, baseUrl),
  });
  app.post('/api/v1/webhooks/:id/deliveries/:deliveryId/retry', {
    config: admin,
    schema: {
      tags,
      summary: 'Send a dead or delivered delivery again, with fresh attempts (admin)',
      params: DeliveryParams,
      response: replies({ 200: WebhookDelivery }),
    },
    handler: (request) =>
      retryWebhookDelivery(ctx, callerOf(request), request.params.id, request.params.deliveryId),
  });
}
