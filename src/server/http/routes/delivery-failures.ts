import { z } from 'zod';
import {
  AdminWarning,
  IncidentDelivery,
  NotificationWarnings,
  TestNotification,
} from '../../../core/schemas/delivery.js';
import type { AppContext } from '../../commands/context.js';
import {
  type DeliverySettings,
  dismissDeadLetterBanner,
  getAdminWarnings,
  getIncidentDeliveries,
  getMyNotificationWarnings,
} from '../../commands/outbox/delivery-failures.js';
import { getTestNotification, sendTestNotification } from '../../commands/outbox/test-notifications.js';
import { callerOf } from '../auth.js';
import { IdParams, RefParams, type ZodApp, replies } from '../zod-app.js';

const viewer = { access: { role: 'viewer' as const } };
const admin = { access: { role: 'admin' as const } };

/** Paging history per incident, test notifications, and the warnings that make failures visible. */
export function deliveryRoutes(app: ZodApp, ctx: AppContext, settings: DeliverySettings): void {
  const tags = ['notifications'];
  app.get('/api/v1/incidents/:ref/notifications', {
    config: viewer,
    schema: {
      tags,
      summary: "The incident's paging history: each message, its status, last error and next retry",
      params: RefParams,
      response: replies({ 200: z.object({ items: z.array(IncidentDelivery) }) }),
    },
    handler: async (request) => ({ items: await getIncidentDeliveries(ctx, request.params.ref) }),
  });
  app.post('/api/v1/me/contact-methods/:id/test', {
    config: viewer,
    schema: {
      tags,
      summary: 'Send a test notification to one of my contact methods (sent at once, not retried)',
      params: IdParams,
      response: replies({ 202: TestNotification }),
    },
    handler: async (request, reply) =>
      reply.code(202).send(await sendTestNotification(ctx, callerOf(request), request.params.id)),
  });
  app.get('/api/v1/me/contact-methods/:id/test', {
    config: viewer,
    schema: {
      tags,
      summary: 'The latest test notification of my contact method: pending, sent, or dead with the error',
      params: IdParams,
      response: replies({ 200: TestNotification }),
    },
    handler: (request) => getTestNotification(ctx, callerOf(request), request.params.id),
  });
  app.get('/api/v1/me/notification-warnings', {
    config: viewer,
    schema: {
      tags,
      summary: 'Why my pages would fail now (empty when nothing is wrong)',
      response: replies({ 200: NotificationWarnings }),
    },
    handler: async (request) => ({
      items: await getMyNotificationWarnings(ctx, callerOf(request), settings),
    }),
  });
  app.get('/api/v1/admin/warnings', {
    config: admin,
    schema: {
      tags,
      summary: 'Problems admins must act on: dead letters, email not configured (admin)',
      response: replies({ 200: z.object({ items: z.array(AdminWarning) }) }),
    },
    handler: async () => ({ items: await getAdminWarnings(ctx, settings) }),
  });
  app.post('/api/v1/admin/warnings/dead-letters/dismiss', {
    config: admin,
    schema: {
      tags,
      summary: 'Dismiss the dead-letter banner until another message dies (admin)',
      response: replies({ 200: z.object({ dismissed: z.number() }) }),
    },
    handler: async () => ({ dismissed: await dismissDeadLetterBanner(ctx) }),
  });
}
