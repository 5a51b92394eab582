import { z } from 'zod';
import {
  AddSubscriberBody,
  Subscriber,
  SubscriberList,
  SubscriberListQuery,
  SubscriberSettingsPatch,
} from '../../../core/schemas/status-subscribers.js';
import type { AppContext } from '../../commands/context.js';
import { serverSigningSecret } from '../../commands/oncall/action-links.js';
import {
  addSubscriber,
  exportSubscribersCsv,
  getSubscribers,
  removeSubscriber,
  updateSubscriberSettings,
} from '../../commands/status/subscriber-admin.js';
import type { Config } from '../../config.js';
import { callerOf } from '../auth.js';
import { IdParams, NoContent, type ZodApp, replies } from '../zod-app.js';

// Support agents see who is told (customers ask "am I subscribed?"); admins manage the list.
const support = { access: { role: 'support' as const } };
const admin = { access: { role: 'admin' as const } };
const tags = ['status page'];

/** The status page's subscribers: list, export, add by hand, remove, and the bundling window. */
export function statusSubscriberAdminRoutes(
  app: ZodApp,
  ctx: AppContext,
  config: Pick<Config, 'secret'>,
): void {
  app.get('/api/v1/status-page/subscribers', {
    config: support,
    schema: {
      tags,
      summary: 'Subscribers by state, channel, component or address, with the counts (support)',
      querystring: SubscriberListQuery,
      response: replies({ 200: SubscriberList }),
    },
    handler: (request) => getSubscribers(ctx, request.query),
  });
  app.get('/api/v1/status-page/subscribers/export', {
    config: admin,
    schema: {
      tags,
      summary: 'The subscribers the filters select, as CSV (admin)',
      querystring: SubscriberListQuery,
      produces: ['text/csv'],
      response: replies({ 200: z.string() }),
    },
    handler: async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="status-subscribers.csv"')
        .send(
          await exportSubscribersCsv(ctx, { ...request.query, limit: Math.max(request.query.limit, 1000) }),
        ),
  });
  app.post('/api/v1/status-page/subscribers', {
    config: admin,
    schema: {
      tags,
      summary: 'Add a subscriber; skipping their opt-in needs a reason (admin, audited)',
      body: AddSubscriberBody,
      response: replies({ 201: Subscriber.extend({ signingKey: z.string().nullable() }) }),
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await addSubscriber(
            ctx,
            callerOf(request),
            request.body,
            await serverSigningSecret(ctx, config.secret),
          ),
        ),
  });
  app.delete('/api/v1/status-page/subscribers/:id', {
    config: admin,
    schema: {
      tags,
      summary: 'Remove a subscriber (admin)',
      params: IdParams,
      response: replies({ 204: NoContent }),
    },
    handler: async (request, reply) => {
      await removeSubscriber(ctx, callerOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
  app.patch('/api/v1/status-page/subscribers/settings', {
    config: admin,
    schema: {
      tags,
      summary: 'Change the bundling window of subscriber messages (admin)',
      body: SubscriberSettingsPatch,
      response: replies({ 200: z.object({ bundleSeconds: z.number() }) }),
    },
    handler: (request) => updateSubscriberSettings(ctx, callerOf(request), request.body),
  });
}
