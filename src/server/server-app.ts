import type { FastifyServerOptions } from 'fastify';
import type { AppContext } from './commands/context.js';
import type { Config } from './config.js';
import type { ChangeFeed } from './engine/change-feed.js';
import { buildApp } from './http/app.js';
import { type StatusSnapshotSource, StatusSnapshotCache } from './http/status-public/snapshot-cache.js';
import { statusPublicRoutes } from './http/status-public/status-routes.js';
import { StatusFastPath } from './http/status-public/status-fast-path.js';
import { securityHeaderPairs } from './http/security-headers.js';
import { statusSubscriberRoutes } from './http/status-public/subscriber-routes.js';
import { loadStatusSnapshot, statusPageVersion } from './commands/status/load-snapshot.js';
import type { ZodApp } from './http/zod-app.js';
import { inboundClientErrorBody, inboundRouterErrors, inboundRoutes } from './ingest/inbound-routes.js';
import type { IngestQueue } from './ingest/ingest-queue.js';
import { telegramBot } from './notify/index.js';
import { outboundFetch } from './notify/outbound/outbound-fetch.js';

/** The long-lived parts the server's HTTP side is built from. */
export interface ServerAppParts {
  feed: ChangeFeed;
  ingest: IngestQueue;
  /** The public status page's snapshot cache (tests pass one on fixtures); from the database by default. */
  statusCache?: StatusSnapshotCache;
  /** Told the fast path the server answers the public page with (tests count what it served). */
  onStatusFastPath?: (fastPath: StatusFastPath) => void;
  /** How an import read waits out a source's rate limit (a timer by default; tests pass one that returns at once). */
  importWait?: (ms: number) => Promise<void>;
}

/**
 * Beacon's HTTP side: the /api/v1 app (with the UI), and beside it the inbound wing and the
 * public status page (served from a snapshot cache that polls while the app is up).
 */
export async function buildServerApp(
  ctx: AppContext,
  config: Config,
  parts: ServerAppParts,
  logger?: FastifyServerOptions['logger'],
): Promise<ZodApp> {
  const source: StatusSnapshotSource = {
    load: () => loadStatusSnapshot(ctx, { baseUrl: config.baseUrl }),
    version: () => statusPageVersion(ctx),
  };
  let statusCache = parts.statusCache;
  // The page's files are answered ahead of Fastify's routing; the routes answer the rest.
  const fastPath = new StatusFastPath(() => statusCache, securityHeaderPairs(config.baseUrl));
  parts.onStatusFastPath?.(fastPath);
  const app = await buildApp(
    ctx,
    config,
    {
      feed: parts.feed,
      importFetch: outboundFetch(ctx.outboundAllow),
      ...(parts.importWait ? { importWait: parts.importWait } : {}),
      mountRoutes: (app) => {
        inboundRoutes(app, ctx, parts.ingest, config, {
          telegram: config.telegram && telegramBot(config.telegram, ctx.outboundAllow),
        });
        statusCache ??= new StatusSnapshotCache(source, {
          clock: ctx.clock,
          changes: parts.feed,
          onError: (error) => app.log.warn({ err: error }, 'status page: loading a snapshot failed'),
        });
        statusPublicRoutes(app, ctx, statusCache);
        statusSubscriberRoutes(app, ctx, config);
      },
      routerErrors: inboundRouterErrors,
      clientErrorBody: inboundClientErrorBody,
      answerFirst: (request, response) => fastPath.answer(request, response),
    },
    logger,
  );
  app.addHook('onReady', (done) => {
    statusCache?.start();
    done();
  });
  app.addHook('preClose', (done) => {
    fastPath.close();
    done();
  });
  app.addHook('onClose', async () => statusCache?.stop());
  return app;
}
