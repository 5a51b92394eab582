import type { FastifyReply, FastifyRequest } from 'fastify';
import { parsePhoneReply } from '../../../core/phone/phone-reply.js';
import type { AppContext } from '../../commands/context.js';
import { actOnKeyPress, actOnSmsReply } from '../../commands/oncall/phone-actions.js';
import type { Config } from '../../config.js';
import type { ZodApp } from '../../http/zod-app.js';
import { hidden } from '../inbound-scope.js';
import { refuseWebhook, useWebhookErrors } from '../webhook-problems.js';
import { isTwilioSignatureValid } from './signature.js';
import { escapeXml } from '../../../core/escape-html.js';

/** Twilio's callbacks: an SMS reply to a page, a key pressed in a paging call. */
export const TWILIO_PATHS = /^\/integrations\/twilio\//;

/**
 * `POST /integrations/twilio/sms` (the Messaging webhook of Beacon's Twilio number) and
 * `POST /integrations/twilio/voice` (the `<Gather>` action of a paging call). Both take
 * Twilio's form-encoded parameters and act only when `X-Twilio-Signature` checks out against
 * the URL as BEACON_BASE_URL spells it; the answer is TwiML (a reply SMS, a spoken line).
 */
export function twilioRoutes(scope: ZodApp, ctx: AppContext, config: Config): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, typeof body === 'string' ? body : body.toString('utf8'));
    },
  );
  useWebhookErrors(scope, TWILIO_PATHS);

  scope.post('/integrations/twilio/sms', hidden, async (request, reply) => {
    const params = signedParams(request, reply, config);
    if (!params) return reply;
    const from = params.get('From') ?? '';
    const outcome = await actOnSmsReply(ctx, from, parsePhoneReply(params.get('Body') ?? ''));
    return twiml(reply, `<Message>${escapeXml(outcome.text)}</Message>`);
  });

  scope.post('/integrations/twilio/voice', hidden, async (request, reply) => {
    const params = signedParams(request, reply, config);
    if (!params) return reply;
    const query = request.query as Record<string, unknown>;
    const ids = typeof query.incidents === 'string' ? query.incidents.split(',').map(Number) : [];
    if (ids.some((id) => !Number.isSafeInteger(id) || id <= 0))
      return refuseWebhook(reply, 400, 'incidents: must be incident ids separated by commas');
    const outcome = await actOnKeyPress(ctx, params.get('To') ?? '', params.get('Digits') ?? '', ids);
    return twiml(reply, `<Say>${escapeXml(outcome.text)}</Say>`);
  });
}

/** The request's parameters when Twilio signed them; otherwise the reply is a 403 and undefined. */
function signedParams(
  request: FastifyRequest,
  reply: FastifyReply,
  config: Config,
): URLSearchParams | undefined {
  if (!config.twilio) {
    void refuseWebhook(
      reply,
      404,
      'Twilio is not configured (BEACON_TWILIO_ACCOUNT_SID, _AUTH_TOKEN, _FROM)',
    );
    return undefined;
  }
  if (typeof request.body !== 'string') {
    void refuseWebhook(reply, 400, 'body: must be application/x-www-form-urlencoded, as Twilio sends');
    return undefined;
  }
  const params = new URLSearchParams(request.body);
  const signature = request.headers['x-twilio-signature'];
  const url = `${config.baseUrl}${request.url}`;
  if (
    !isTwilioSignatureValid(
      config.twilio.authToken,
      url,
      [...params],
      typeof signature === 'string' ? signature : undefined,
    )
  ) {
    request.log.warn({ url }, 'Twilio callback with a missing or invalid X-Twilio-Signature refused');
    void refuseWebhook(reply, 403, 'X-Twilio-Signature: missing or invalid for this URL and auth token');
    return undefined;
  }
  return params;
}

function twiml(reply: FastifyReply, inner: string): FastifyReply {
  return reply
    .code(200)
    .type('text/xml; charset=utf-8')
    .send(`<?xml version="1.0" encoding="UTF-8"?><Response>${inner}</Response>`);
}
