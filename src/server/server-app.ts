import type { FastifyServerOptions } from 'fastify';
import type { AppContext } from './commands/context.js';
import type { Config } from './config.js';
import type { ChangeFeed } from './engine/change-feed.js';
import { buildApp } from './http/app.js';
import type { ZodApp } from './http/zod-app.js';
import { inboundClientErrorBody, inboundRouterErrors, inboundRoutes } from './ingest/inbound-routes.js';
import type { IngestQueue } from './ingest/ingest-queue.js';
import { telegramBot } from './notify/index.js';

/** The long-lived parts the server's HTTP side is built from. */
export interface ServerAppParts {
  feed: ChangeFeed;
  ingest: IngestQueue;
}

/** Beacon's HTTP side: the /api/v1 app (with the UI) and the inbound wing mounted beside it. */
export function buildServerApp(
  ctx: AppContext,
  config: Config,
  parts: ServerAppParts,
  logger?: FastifyServerOptions['logger'],
): Promise<ZodApp> {
  return buildApp(
    ctx,
    config,
    {
      feed: parts.feed,
      mountRoutes: (app) =>
        inboundRoutes(app, ctx, parts.ingest, config, {
          telegram: config.telegram && telegramBot(config.telegram, ctx.outboundAllow),
        }),
      routerErrors: inboundRouterErrors,
      clientErrorBody: inboundClientErrorBody,
    },
    logger,
  );
}
