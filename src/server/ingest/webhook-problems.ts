import type { FastifyReply } from 'fastify';
import { problemTypeUri } from '../../core/problem-types.js';
import type { ZodApp } from '../http/zod-app.js';
import type { InboundFailure, InboundFormat } from './format-errors.js';
import { useFormatErrors } from './format-errors.js';

// The providers that call Beacon back (Twilio, Telegram) read only the status of a refusal;
// its body is problem+json with the API's documented types, for whoever debugs the setup.

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
};

/** A problem+json body of `status` saying `detail`. */
export function webhookProblem(status: number, detail: string) {
  return {
    type: problemTypeUri(status === 400 ? 'validation' : status),
    title: TITLES[status] ?? 'Error',
    status,
    detail,
  };
}

/** Refuse a provider's callback with `status` and a problem+json body; nothing is changed. */
export function refuseWebhook(reply: FastifyReply, status: number, detail: string): FastifyReply {
  return reply.code(status).type('application/problem+json').send(webhookProblem(status, detail));
}

function render(failure: InboundFailure) {
  return { status: failure.status, body: webhookProblem(failure.status, failure.message) };
}

/** Errors of a callback scope (bad bodies, overload) as problem+json, on `paths`. */
export function useWebhookErrors(scope: ZodApp, paths: RegExp): InboundFormat {
  const format: InboundFormat = { paths, render };
  useFormatErrors(scope, format);
  return format;
}
