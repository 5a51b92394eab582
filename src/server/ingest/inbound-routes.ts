import type { AppContext } from '../commands/context.js';
import type { Config } from '../config.js';
import type { ZodApp } from '../http/zod-app.js';
import { alertmanagerFormat, alertmanagerRoutes } from './alertmanager/routes.js';
import { alertmanagerWebhookFormat, alertmanagerWebhookRoutes } from './alertmanager/webhook-routes.js';
import { beaconEventRoutes } from './beacon/routes.js';
import { emailFormat, emailRoutes } from './email/routes.js';
import { useBodyLimit } from './inbound-scope.js';
import type { IngestQueue } from './ingest-queue.js';
import { OpsgenieRequestLog } from './opsgenie/request-log.js';
import { opsgenieFormat, opsgenieRoutes } from './opsgenie/routes.js';
import { pagerDutyFormat, pagerDutyRoutes } from './pagerduty/routes.js';
import { reportFormRoutes } from './reports/form-routes.js';
import { type RouterErrorHandler, formatClientErrorBodies, formatRouterErrors } from './router-errors.js';
import { type TelegramEditor, telegramRoutes } from './telegram/routes.js';
import { twilioRoutes } from './twilio/routes.js';

/**
 * Router errors (malformed percent-encoding, an over-long path segment) on the monitoring
 * formats' paths, in each format's own shape; undefined elsewhere (`/api/v1/events` included,
 * whose errors are the API's problem+json).
 */
const INBOUND_FORMATS = [
  alertmanagerWebhookFormat,
  alertmanagerFormat,
  pagerDutyFormat,
  opsgenieFormat,
  emailFormat,
];

export const inboundRouterErrors: RouterErrorHandler = formatRouterErrors(INBOUND_FORMATS);

/** The body of a request the HTTP parser refused on an inbound path, in its format's shape. */
export const inboundClientErrorBody = formatClientErrorBodies(INBOUND_FORMATS);

/**
 * Every URL alerts come in by: Beacon's own `POST /api/v1/events` (part of the API, with its
 * problem+json errors), then the monitoring formats at their usual paths (Alertmanager, its
 * webhook, PagerDuty Events v2, Opsgenie, email). Each format is its own plugin scope with
 * its own body parsing and error handler, so every failure comes back in that format's shape.
 */
export function inboundRoutes(
  app: ZodApp,
  ctx: AppContext,
  ingest: IngestQueue,
  config: Config,
  bots: { telegram?: TelegramEditor | undefined } = {},
): void {
  beaconEventRoutes(app, ctx, ingest);
  const opsgenieRequests = new OpsgenieRequestLog();
  // The alert formats refuse an overloaded server's requests before reading their bodies.
  const alertScope = (routes: (scope: ZodApp) => void) => (scope: ZodApp) => {
    scope.addHook('onRequest', async (_request, reply) => {
      const ticket = ingest.enter();
      // 'close' comes once the answer is sent or the connection is gone, whichever is first.
      reply.raw.once('close', () => ingest.leave(ticket));
    });
    routes(scope);
  };
  const scopes: ((scope: ZodApp) => void)[] = [
    alertScope((scope) => alertmanagerRoutes(scope, ctx, ingest)),
    alertScope((scope) => alertmanagerWebhookRoutes(scope, ctx, ingest)),
    alertScope((scope) => pagerDutyRoutes(scope, ctx, ingest)),
    alertScope((scope) => opsgenieRoutes(scope, ctx, ingest, opsgenieRequests)),
    alertScope((scope) => emailRoutes(scope, ctx, ingest)),
    // Acknowledgements from phones: Twilio (SMS replies, key presses) and Telegram buttons.
    (scope) => twilioRoutes(scope, ctx, config),
    (scope) => telegramRoutes(scope, ctx, config, bots.telegram),
    // Customer reports from the public form (`/report`).
    (scope) => reportFormRoutes(scope, ctx, config),
  ];
  for (const routes of scopes) {
    void app.register((scope, _options, done) => {
      useBodyLimit(scope, config.bodyLimit);
      routes(scope);
      done();
    });
  }
}
