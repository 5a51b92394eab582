import type { FastifyReply, FastifyRequest } from 'fastify';
import { BeaconError, RateLimitedError, ValidationError } from '../../../core/errors.js';
import { humanFieldMessage } from '../../../core/field-messages.js';
import { SubscribeBody } from '../../../core/schemas/status-subscribers.js';
import {
  SUBSCRIBER_PAGE_CSS,
  SUBSCRIBE_HONEYPOT,
  checkMailPage,
  subscribePage,
  subscriberMessagePage,
  subscriptionPage,
  unsubscribePromptPage,
} from '../../../core/status/subscriber-pages.js';
import type { AppContext } from '../../commands/context.js';
import { serverSigningSecret } from '../../commands/oncall/action-links.js';
import { getStatusComponents } from '../../commands/status/components.js';
import { getStatusSettings } from '../../commands/status/page-settings.js';
import {
  confirmSubscription,
  getSubscription,
  unsubscribeByToken,
  updateSubscriptionPreferences,
} from '../../commands/status/subscription-links.js';
import { requestSubscription } from '../../commands/status/subscribers.js';
import type { Config } from '../../config.js';
import { inlineStyleDirectives } from '../security-headers.js';
import type { ZodApp } from '../zod-app.js';

const hidden = { schema: { hide: true } };
const FORM_BODY_LIMIT = 16 * 1024;
const helmet = {
  contentSecurityPolicy: { useDefaults: false, directives: inlineStyleDirectives(SUBSCRIBER_PAGE_CSS) },
};

type TokenRequest = FastifyRequest<{ Params: { token: string } }>;

/**
 * Subscribing to the status page, beside its other public paths: the form (`/status/subscribe`,
 * no JavaScript needed), the JSON endpoint (`POST /status/api/v2/subscribers`), and the pages a
 * subscriber's token opens (confirm, choose components, unsubscribe; the one-click POST of
 * RFC 8058 at `…/unsubscribe`). A private page takes no subscriptions.
 */
export function statusSubscriberRoutes(
  app: ZodApp,
  ctx: AppContext,
  config: Pick<Config, 'baseUrl' | 'secret'>,
): void {
  void app.register((scope, _options, done) => {
    // Forms post urlencoded; RFC 8058 clients may post multipart. The one-click body is not needed.
    scope.addContentTypeParser(
      ['application/x-www-form-urlencoded', 'multipart/form-data'],
      { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
      (_request, body, parsed) => {
        parsed(null, typeof body === 'string' ? body : body.toString('utf8'));
      },
    );
    subscriberPages(scope, ctx, config);
    done();
  });
}

function subscriberPages(app: ZodApp, ctx: AppContext, config: Pick<Config, 'baseUrl' | 'secret'>): void {
  const expectedOrigin = new URL(config.baseUrl).origin;
  const settings = () => getStatusSettings(ctx, config.baseUrl);
  const components = async () => (await getStatusComponents(ctx)).map((c) => ({ id: c.id, name: c.name }));
  const secret = () => serverSigningSecret(ctx, config.secret);

  app.get('/status/subscribe', { ...hidden, helmet }, async (_request, reply) => {
    const page = await settings();
    if (page.isPrivate)
      return html(
        reply,
        403,
        subscriberMessagePage(page.name, 'Subscriptions closed', 'This status page is private.'),
      );
    return html(reply, 200, subscribePage(page.name, await components()));
  });

  app.post('/status/subscribe', { ...hidden, helmet, bodyLimit: FORM_BODY_LIMIT }, async (request, reply) => {
    const page = await settings();
    if (page.isPrivate)
      return html(
        reply,
        403,
        subscriberMessagePage(page.name, 'Subscriptions closed', 'This status page is private.'),
      );
    if (isCrossSite(request, expectedOrigin)) {
      return html(
        reply,
        403,
        subscriberMessagePage(page.name, 'Not subscribed', 'Please subscribe from this site’s own form.'),
      );
    }
    const params = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
    // A filled honeypot is a bot: it sees what a person would, and nothing is stored.
    if ((params.get(SUBSCRIBE_HONEYPOT) ?? '').trim() !== '')
      return html(reply, 200, checkMailPage(page.name));
    const email = params.get('email') ?? '';
    const isAll = params.get('scope') !== 'chosen';
    const chosen = params
      .getAll('componentIds')
      .filter((v) => /^[1-9][0-9]{0,9}$/.test(v))
      .map(Number);
    const refuse = async (errors: Record<string, string>, status = 400) =>
      html(
        reply,
        status,
        subscribePage(page.name, await components(), { email, isAll, chosenIds: chosen, errors }),
      );
    if (!isAll && chosen.length === 0)
      return refuse({ componentIds: 'Choose at least one component, or every component' });
    const parsed = SubscribeBody.safeParse({ email, componentIds: isAll ? [] : chosen });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue?.path[0] ?? 'email');
      return refuse({ [field]: humanFieldMessage(field, issue?.message ?? 'is not valid') });
    }
    try {
      await requestSubscription(ctx, parsed.data, {
        source: 'form',
        ip: request.ip,
        signingSecret: await secret(),
      });
    } catch (error) {
      if (error instanceof RateLimitedError) {
        reply.header('retry-after', String(error.retryAfterSeconds));
        return html(
          reply,
          429,
          subscriberMessagePage(page.name, 'Too many requests', 'Please try again in a few minutes.'),
        );
      }
      if (error instanceof ValidationError) {
        return refuse(
          Object.fromEntries(error.fields.map((f) => [f.field, humanFieldMessage(f.field, f.message)])),
        );
      }
      throw error;
    }
    return html(reply, 200, checkMailPage(page.name));
  });

  app.post('/status/api/v2/subscribers', { ...hidden }, async (request, reply) => {
    reply.header('access-control-allow-origin', '*');
    if ((await settings()).isPrivate) throw new BeaconError('forbidden', 'this status page is private');
    const parsed = SubscribeBody.safeParse(request.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ValidationError(
        issue?.path.map(String).join('.') || 'body',
        issue?.message ?? 'is not valid',
      );
    }
    await requestSubscription(ctx, parsed.data, {
      source: 'api',
      ip: request.ip,
      signingSecret: await secret(),
    });
    return reply.code(202).send({
      status: 'pending_confirmation',
      detail: 'A confirmation mail is on its way; nothing is sent before it is confirmed.',
    });
  });

  tokenPages(app, ctx, { settings, secret, expectedOrigin });
}

function tokenPages(
  app: ZodApp,
  ctx: AppContext,
  deps: { settings: () => Promise<{ name: string }>; secret: () => Promise<string>; expectedOrigin: string },
): void {
  const show = async (
    request: TokenRequest,
    reply: FastifyReply,
    extra: { notice?: string; error?: string } = {},
  ) => {
    const page = await deps.settings();
    const token = request.params.token;
    try {
      const view = await getSubscription(ctx, token, await deps.secret());
      return await html(reply, 200, subscriptionPage({ pageName: page.name, token, ...view, ...extra }));
    } catch (error) {
      if (error instanceof BeaconError && error.code === 'not_found') {
        return html(
          reply,
          404,
          subscriberMessagePage(page.name, 'Link not valid', 'This subscription link is not valid any more.'),
        );
      }
      throw error;
    }
  };
  const guarded =
    (act: (request: TokenRequest, reply: FastifyReply) => Promise<FastifyReply>) =>
    async (request: TokenRequest, reply: FastifyReply) => {
      if (isCrossSite(request, deps.expectedOrigin)) {
        const page = await deps.settings();
        return html(
          reply,
          403,
          subscriberMessagePage(page.name, 'Not changed', 'Please use the page this link opens.'),
        );
      }
      return act(request, reply);
    };
  const withToken = { ...hidden, helmet, bodyLimit: FORM_BODY_LIMIT };

  app.get('/status/subscriptions/:token', withToken, (request: TokenRequest, reply) => show(request, reply));
  app.post(
    '/status/subscriptions/:token/confirm',
    withToken,
    guarded(async (request, reply) => {
      // An unknown token is shown as such by the page below.
      await confirmSubscription(ctx, request.params.token).catch(ignoreBeaconError);
      return show(request, reply, { notice: 'Your subscription is confirmed.' });
    }),
  );
  app.post(
    '/status/subscriptions/:token/preferences',
    withToken,
    guarded(async (request, reply) => {
      const params = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
      const isAll = params.get('scope') !== 'chosen';
      const chosen = params
        .getAll('componentIds')
        .filter((v) => /^[1-9][0-9]{0,9}$/.test(v))
        .map(Number);
      if (!isAll && chosen.length === 0)
        return show(request, reply, { error: 'Choose at least one component, or every component.' });
      try {
        await updateSubscriptionPreferences(ctx, request.params.token, { componentIds: isAll ? [] : chosen });
      } catch (error) {
        if (error instanceof ValidationError)
          return show(request, reply, { error: 'A chosen component no longer exists.' });
        if (!(error instanceof BeaconError)) throw error;
      }
      return show(request, reply, { notice: 'Your choice is saved.' });
    }),
  );
  app.get('/status/subscriptions/:token/unsubscribe', withToken, async (request: TokenRequest, reply) => {
    const page = await deps.settings();
    try {
      const view = await getSubscription(ctx, request.params.token, await deps.secret());
      if (view.state === 'unsubscribed') return await show(request, reply);
      return await html(reply, 200, unsubscribePromptPage(page.name, request.params.token, view.address));
    } catch {
      return show(request, reply);
    }
  });
  // RFC 8058 one-click: mail clients POST `List-Unsubscribe=One-Click` here, with no cookies or origin.
  app.post('/status/subscriptions/:token/unsubscribe', withToken, async (request: TokenRequest, reply) => {
    await unsubscribeByToken(ctx, request.params.token).catch(ignoreBeaconError);
    return show(request, reply, { notice: 'You are unsubscribed.' });
  });
}

/** Errors the page that follows shows (an unknown token); anything else is thrown on. */
function ignoreBeaconError(error: unknown): void {
  if (!(error instanceof BeaconError)) throw error;
}

/** A browser's post from another site's page (requests without these headers are not a browser's). */
function isCrossSite(request: FastifyRequest, expectedOrigin: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = request.headers.origin;
  return origin !== undefined && origin !== 'null' && origin !== expectedOrigin;
}

function html(reply: FastifyReply, status: number, body: string) {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .send(body);
}
