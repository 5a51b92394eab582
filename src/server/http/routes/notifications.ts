import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Limit } from '../../../core/schemas/common.js';
import {
  ContactMethod,
  ContactMethodBody,
  NotificationRule,
  NotificationRules,
  OUTBOX_STATUSES,
  OutboxItem,
} from '../../../core/schemas/oncall.js';
import { AddedContactMethod } from '../../../core/schemas/delivery.js';
import type { AppContext } from '../../commands/context.js';
import {
  type LinkOutcome,
  applyActionLink,
  previewActionLink,
  serverSigningSecret,
} from '../../commands/oncall/action-links.js';
import {
  addMyContactMethod,
  getMyContactMethods,
  getMyRules,
  putMyRules,
  removeMyContactMethod,
} from '../../commands/oncall/contact-methods.js';
import { getNotifications, retryNotification } from '../../commands/outbox/notifications.js';
import type { Config } from '../../config.js';
import { escapeHtml } from '../../../core/escape-html.js';
import { callerOf } from '../auth.js';
import { inlineStyleDirectives } from '../security-headers.js';
import { IdParams, NoContent, type ZodApp, replies } from '../zod-app.js';

const viewer = { access: { role: 'viewer' as const } };
const admin = { access: { role: 'admin' as const } };

/** My contact methods and rules, the outbox for admins, and the one-click ack pages. */
export async function notificationRoutes(
  app: ZodApp,
  ctx: AppContext,
  config: Pick<Config, 'secret'>,
): Promise<void> {
  meRoutes(app, ctx);
  outboxRoutes(app, ctx);
  await app.register((scope, _options, done) => {
    actionLinkRoutes(scope, ctx, config);
    done();
  });
}

function meRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['notifications'];
  app.get('/api/v1/me/contact-methods', {
    config: viewer,
    schema: {
      tags,
      summary: 'My contact methods',
      response: replies({ 200: z.object({ items: z.array(ContactMethod) }) }),
    },
    handler: async (request) => ({ items: await getMyContactMethods(ctx, callerOf(request)) }),
  });
  app.post('/api/v1/me/contact-methods', {
    config: viewer,
    schema: {
      tags,
      summary: 'Add a contact method (my first, with no rules: it also gets a rule paging at once)',
      body: ContactMethodBody,
      response: replies({ 201: AddedContactMethod }),
    },
    handler: async (request, reply) =>
      reply.code(201).send(await addMyContactMethod(ctx, callerOf(request), request.body)),
  });
  app.delete('/api/v1/me/contact-methods/:id', {
    config: viewer,
    schema: {
      tags,
      summary: 'Remove a contact method (and rules using it)',
      params: IdParams,
      response: replies({ 204: NoContent }),
    },
    handler: async (request, reply) => {
      await removeMyContactMethod(ctx, callerOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
  app.get('/api/v1/me/notification-rules', {
    config: viewer,
    schema: { tags, summary: 'How and when I am notified', response: replies({ 200: NotificationRules }) },
    handler: (request) => getMyRules(ctx, callerOf(request)),
  });
  app.put('/api/v1/me/notification-rules', {
    config: viewer,
    schema: {
      tags,
      summary: 'Replace my notification rules (empty: email to my account address at once)',
      body: z.object({ rules: z.array(NotificationRule).max(50) }),
      response: replies({ 200: NotificationRules }),
    },
    handler: (request) => putMyRules(ctx, callerOf(request), request.body.rules),
  });
}

function outboxRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['notifications'];
  app.get('/api/v1/notifications', {
    config: admin,
    schema: {
      tags,
      summary: 'Outgoing notifications, newest first (dead letters: status=dead)',
      querystring: z.object({ status: z.enum(OUTBOX_STATUSES).optional(), limit: Limit }),
      response: replies({ 200: z.object({ items: z.array(OutboxItem) }) }),
    },
    handler: async (request) => ({ items: await getNotifications(ctx, request.query) }),
  });
  app.post('/api/v1/notifications/:id/retry', {
    config: admin,
    schema: {
      tags,
      summary: 'Send a dead notification again',
      params: IdParams,
      response: replies({ 200: OutboxItem }),
    },
    handler: (request) => retryNotification(ctx, request.params.id),
  });
}

/**
 * `GET /ack/<token>` only shows what the link will do, with a button that POSTs: mail
 * scanners that prefetch links must not acknowledge anything.
 */
function actionLinkRoutes(app: ZodApp, ctx: AppContext, config: Pick<Config, 'secret'>): void {
  // The confirmation form posts an empty urlencoded body; the token in the path is all we need.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, _body, done) => {
      done(null, {});
    },
  );
  const Params = z.object({ token: z.string().max(1000) });
  const helmet = {
    contentSecurityPolicy: { useDefaults: false, directives: inlineStyleDirectives(PAGE_CSS) },
  };
  app.get('/ack/:token', { helmet, schema: { hide: true, params: Params } }, async (request, reply) => {
    const secret = await serverSigningSecret(ctx, config.secret);
    const outcome = await previewActionLink(ctx, secret, request.params.token);
    return sendPage(reply, outcome, request.url);
  });
  app.post('/ack/:token', { helmet, schema: { hide: true, params: Params } }, async (request, reply) => {
    const secret = await serverSigningSecret(ctx, config.secret);
    const outcome = await applyActionLink(ctx, secret, request.params.token);
    return sendPage(reply, outcome, request.url);
  });
}

const STATUS_OF: Record<LinkOutcome['kind'], number> = {
  ready: 200,
  done: 200,
  noop: 200,
  used: 410,
  expired: 410,
  invalid: 404,
};

function sendPage(reply: FastifyReply, outcome: LinkOutcome, action: string): FastifyReply {
  return reply
    .code(STATUS_OF[outcome.kind])
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(actionPage(outcome, action));
}

function actionPage(outcome: LinkOutcome, action: string): string {
  switch (outcome.kind) {
    case 'invalid':
      return page('Link not valid', '<p>This link is not valid. Open Beacon to act on the incident.</p>');
    case 'expired':
      return page(
        'Link expired',
        '<p>This link has expired (links work for 24 hours). Open Beacon to act on the incident.</p>',
      );
    case 'used':
      return page('Link already used', '<p>This link was already used. Each link works once.</p>');
    case 'noop':
    case 'done':
      if (outcome.action === 'ackAll')
        return page(
          'Acknowledge all',
          `${incidentList(outcome.incidents)}<p>${escapeHtml(outcome.message)}</p>`,
        );
      return page(
        `INC-${outcome.incident.number}`,
        `<p><strong>${escapeHtml(`INC-${outcome.incident.number}`)}</strong> ${escapeHtml(outcome.incident.title)}</p><p>${escapeHtml(outcome.message)}</p>${openLink(outcome.incident.number)}`,
      );
    case 'ready': {
      if (outcome.action === 'ackAll') {
        const count = outcome.incidents.length;
        return page(
          `Acknowledge ${count} ${count === 1 ? 'incident' : 'incidents'}?`,
          `${incidentList(outcome.incidents)}
<form method="post" action="${escapeHtml(action)}"><button type="submit">Acknowledge all ${count}</button></form>`,
        );
      }
      const verb = outcome.action === 'ack' ? 'Acknowledge' : 'Resolve';
      return page(
        `${verb} INC-${outcome.incident.number}?`,
        `<p><strong>${escapeHtml(`INC-${outcome.incident.number}`)}</strong> ${escapeHtml(outcome.incident.title)}</p>
<p>Status: ${escapeHtml(outcome.incident.status)} · ${escapeHtml(outcome.incident.severity)}</p>
<form method="post" action="${escapeHtml(action)}"><button type="submit">${verb}</button></form>
${openLink(outcome.incident.number)}`,
      );
    }
  }
}

/** The incidents of an "Acknowledge all" link, each with its status and a link to it. */
function incidentList(
  incidents: ReadonlyArray<{ number: number; title: string; status: string; severity: string }>,
) {
  const items = incidents.map(
    (incident) =>
      `<li><a href="/incidents/INC-${incident.number}">INC-${incident.number}</a> ${escapeHtml(incident.title)} <span>(${escapeHtml(incident.status)} · ${escapeHtml(incident.severity)})</span></li>`,
  );
  return `<ul>${items.join('')}</ul>`;
}

function openLink(number: number): string {
  return `<p><a href="/incidents/INC-${number}">Open INC-${number} in Beacon</a></p>`;
}

// The one-click pages' only inline content; their Content-Security-Policy allows it by hash.
const PAGE_CSS = `body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:480px;margin:0 auto;padding:24px;line-height:1.5}
h1{font-size:1.5rem;line-height:1.3}.ref{white-space:nowrap}a{color:#1f6feb}
button{font-size:18px;width:100%;padding:14px;border:0;border-radius:8px;background:#1f6feb;color:#fff;font-weight:600}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · Beacon</title>
<style>${PAGE_CSS}</style>
</head><body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>`;
}
