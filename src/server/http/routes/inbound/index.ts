import type { AppContext } from '../../../commands/context.js';
import type { Config } from '../../../config.js';
import type { IngestQueue } from '../../../engine/ingest-queue.js';
import type { ZodApp } from '../../zod-app.js';
import { alertmanagerWebhookRoutes } from './alertmanager-webhook.js';
import { alertmanagerRoutes } from './alertmanager.js';
import { emailRoutes } from './email.js';
import { useBodyLimit } from './shared.js';
import { OpsgenieRequestLog } from './opsgenie-requests.js';
import { opsgenieRoutes } from './opsgenie.js';
import { pagerDutyRoutes } from './pagerduty.js';

/**
 * The monitoring formats Beacon accepts at their usual paths (Alertmanager, its webhook,
 * PagerDuty Events v2, Opsgenie, email). Each is its own plugin scope with its own body
 * parsing and error handler, so every failure comes back in that format's shape.
 */
export function inboundRoutes(app: ZodApp, ctx: AppContext, ingest: IngestQueue, config: Config): void {
  const opsgenieRequests = new OpsgenieRequestLog();
  const scopes: ((scope: ZodApp) => void)[] = [
    (scope) => alertmanagerRoutes(scope, ctx, ingest),
    (scope) => alertmanagerWebhookRoutes(scope, ctx, ingest),
    (scope) => pagerDutyRoutes(scope, ctx, ingest),
    (scope) => opsgenieRoutes(scope, ctx, ingest, opsgenieRequests),
    (scope) => emailRoutes(scope, ctx, ingest),
  ];
  for (const routes of scopes) {
    void app.register((scope, _options, done) => {
      useBodyLimit(scope, config.bodyLimit);
      routes(scope);
      done();
    });
  }
}
