import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimitedError, ValidationError } from '../../../core/errors.js';
import { humanFieldMessage } from '../../../core/field-messages.js';
import { cleanText } from '../../../core/text/clean-text.js';
import { ReportFormBody } from '../../../core/schemas/reports.js';
import type { AppContext } from '../../commands/context.js';
import { submitReport } from '../../commands/reports/submit-report.js';
import { serverSigningSecret } from '../../commands/oncall/action-links.js';
import { clientIpHash } from '../../commands/secrets.js';
import { getStatusComponents } from '../../commands/status/components.js';
import type { Config } from '../../config.js';
import type { ZodApp } from '../../http/zod-app.js';
import { hidden } from '../inbound-scope.js';
import {
  type FormState,
  HONEYPOT_FIELD,
  PAGE_CSP,
  formPage,
  refusedPage,
  thanksPage,
  tooManyPage,
} from './form-page.js';

/** The form's largest body: a message of 5,000 characters, percent-encoded, and the rest. */
export const REPORT_FORM_BODY_LIMIT = 64 * 1024;

const helmet = { contentSecurityPolicy: { useDefaults: false, directives: PAGE_CSP } };

/**
 * The public report form: `GET /report` shows it, `POST /report` (urlencoded, no JavaScript
 * needed) takes a report and answers with its reference. Nobody signs in, so there is no
 * session a forged post could ride on; a post from another site's page is still refused
 * (its `Origin` or `Sec-Fetch-Site` says so), so no site can send reports in its visitors' names.
 */
export function reportFormRoutes(
  scope: ZodApp,
  ctx: AppContext,
  config: Pick<Config, 'baseUrl' | 'secret'>,
): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: REPORT_FORM_BODY_LIMIT },
    (_request, body, done) => {
      done(null, typeof body === 'string' ? body : body.toString('utf8'));
    },
  );
  scope.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
    const status = error.statusCode === 413 ? 413 : error.statusCode === 415 ? 415 : 400;
    const text =
      status === 413
        ? 'Your report is too long to send. Please shorten the message.'
        : 'The form could not be read. Please send it again from the form.';
    return html(reply, status, refusedPage('Report not sent', text));
  });
  const expectedOrigin = new URL(config.baseUrl).origin;

  const components = async () =>
    (await getStatusComponents(ctx)).map((component) => ({ id: component.id, name: component.name }));

  scope.get('/report', { ...hidden, helmet }, async (_request, reply) =>
    html(reply, 200, formPage(undefined, await components())),
  );

  scope.post('/report', { ...hidden, helmet, bodyLimit: REPORT_FORM_BODY_LIMIT }, async (request, reply) => {
    if (isCrossSite(request, expectedOrigin)) {
      return html(
        reply,
        403,
        refusedPage('Report not sent', 'Please send your report from this site’s own form.'),
      );
    }
    const params = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
    // Text PostgreSQL cannot store (NUL, other controls) is cleaned, as every inbound source does.
    const values = Object.fromEntries(
      [...params.entries()]
        .filter(([key]) => key !== HONEYPOT_FIELD)
        .map(([key, value]) => [key, cleanText(value)]),
    );
    // A filled honeypot is a bot: it sees what a person would, and nothing is stored.
    if ((params.get(HONEYPOT_FIELD) ?? '').trim() !== '') return html(reply, 200, thanksPage(null));
    const parsed = ReportFormBody.safeParse(values);
    if (!parsed.success)
      return html(reply, 400, formPage(stateOf(values, parsed.error.issues), await components()));
    const { orderId, pageUrl, ...fields } = parsed.data;
    try {
      const report = await submitReport(ctx, {
        ...fields,
        source: 'form',
        metadata: { ...(orderId ? { orderId } : {}), ...(pageUrl ? { pageUrl } : {}) },
        ipHash: clientIpHash(await serverSigningSecret(ctx, config.secret), request.ip),
      });
      return await html(reply, 200, thanksPage(report.ref));
    } catch (error) {
      if (error instanceof ValidationError) {
        const issues = error.fields.map((field) => ({ path: [field.field], message: field.message }));
        return html(reply, 400, formPage(stateOf(values, issues), await components()));
      }
      if (!(error instanceof RateLimitedError)) throw error;
      reply.header('retry-after', String(error.retryAfterSeconds));
      return html(reply, 429, tooManyPage(error.retryAfterSeconds));
    }
  });
}

/** A browser's post from another site's page (requests without these headers are not a browser's). */
function isCrossSite(request: FastifyRequest, expectedOrigin: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = request.headers.origin;
  return origin !== undefined && origin !== 'null' && origin !== expectedOrigin;
}

function stateOf(
  values: Record<string, string>,
  issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>,
): FormState {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'message');
    errors[field] ??= humanFieldMessage(field, issue.message);
  }
  return { values, errors };
}

function html(reply: FastifyReply, status: number, body: string) {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(body);
}
