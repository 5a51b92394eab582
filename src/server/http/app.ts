import { serverSigningSecret } from '../commands/oncall/action-links.js';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyError,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import {
  type ZodTypeProvider,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { AppContext } from '../commands/context.js';
import type { Config } from '../config.js';
import type { IncidentChangeSource } from '../commands/incident-changes.js';
import { enforceAccess } from './auth.js';
import { loggerOptions } from './logger-options.js';
import { guardInvalidText } from './invalid-text-guard.js';
import { handleError, handleRouterError, sendProblem } from './problem.js';
import { type ClientErrorBody, answerClientError } from './client-errors.js';
import { type AnswerFirst, answeringFirst } from './answer-first.js';
import { apiDocsCsp, useSecurityHeaders } from './security-headers.js';
import { accountLinkRoutes } from './routes/account-links.js';
import { adminRoutes } from './routes/admin.js';
import { catalogRoutes } from './routes/catalog.js';
import { deliveryRoutes } from './routes/delivery-failures.js';
import { healthRoutes } from './routes/health.js';
import { incidentRoutes } from './routes/incidents.js';
import { oidcRoutes } from './routes/oidc.js';
import { sessionRoutes } from './routes/session.js';
import { twoFactorRoutes } from './routes/two-factor.js';
import { streamRoutes } from './routes/stream.js';
import { gettingStartedRoutes } from './routes/getting-started.js';
import { alertingRoutes } from './routes/alerting.js';
import { checkRoutes } from './routes/checks.js';
import { oncallRoutes } from './routes/oncall.js';
import { responseRoutes } from './routes/response.js';
import { triageRuleRoutes } from './routes/triage-rules.js';
import { reportRoutes } from './routes/reports.js';
import { reviewRoutes } from './routes/reviews.js';
import { similarRoutes } from './routes/similar.js';
import { stakeholderRoutes } from './routes/stakeholders.js';
import { statusPageRoutes } from './routes/status-page.js';
import { statusSubscriberAdminRoutes } from './routes/status-subscribers.js';
import { webhookRoutes } from './routes/webhooks.js';
import { metricsRoutes } from './routes/metrics.js';
import { prometheusRoutes } from './routes/prometheus.js';
import { observeRequestDuration } from './request-metrics.js';
import { followUpRoutes } from './routes/follow-ups.js';
import type { SourceFetch } from '../import/source-api.js';
import { importRoutes } from './routes/imports.js';
import { resolutionRoutes } from './routes/resolution.js';
import type { ZodApp } from './zod-app.js';

/** What the HTTP app is built from besides the context and the settings. */
export interface AppParts {
  /** The live incident changes that `/api/v1/stream` sends (the engine's change feed). */
  feed: IncidentChangeSource;
  /** How the server reaches other tools' APIs for an import (the outbound address policy's fetch). */
  importFetch: SourceFetch;
  /** How an import read waits out a source's rate limit (a timer when absent). */
  importWait?: (ms: number) => Promise<void>;
  /**
   * Routes served beside /api/v1 by whoever assembles the server (the inbound wing, which
   * `src/server/server-app.ts` mounts); added among the API routes, before the web UI's fallback.
   */
  mountRoutes?: (app: ZodApp) => void;
  /**
   * Answers router errors (malformed percent-encoding, an over-long path segment) on the
   * mounted routes' paths in their own shape, or returns undefined to leave them to problem+json.
   */
  routerErrors?: (
    error: FastifyError,
    request: FastifyRequest,
    reply: FastifyReply,
  ) => FastifyReply | undefined;
  /** The body of a request the HTTP parser refused, on the mounted routes' paths; undefined for problem+json. */
  clientErrorBody?: ClientErrorBody;
  /** Offered every request before Fastify's routing (the status page's fast path). */
  answerFirst?: AnswerFirst;
}

/** Longest path parameter the router takes (characters, decoded; Opsgenie aliases reach 512); longer ones answer 414. */
const MAX_PATH_PARAM_LENGTH = 512;

/** Build the HTTP app: API under /api/v1, OpenAPI and docs, health checks and the web UI. */
export async function buildApp(
  ctx: AppContext,
  config: Config,
  parts: AppParts,
  logger: FastifyServerOptions['logger'] = loggerOptions(config.logLevel),
): Promise<ZodApp> {
  const app = Fastify({
    logger,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PATH_PARAM_LENGTH },
    // Errors raised before a route is found: in the mounted format's shape, else problem+json.
    frameworkErrors: (error, request, reply) => {
      if (!parts.routerErrors?.(error, request, reply)) handleRouterError(error, request, reply);
    },
    // Requests Node's HTTP parser refuses never reach the router: the same shapes, by path.
    clientErrorHandler: answerClientError(parts.clientErrorBody),
    ...(parts.answerFirst ? { serverFactory: answeringFirst(parts.answerFirst) } : {}),
  }).withTypeProvider<ZodTypeProvider>();
  // The signing key exists before the first request, so no request (a refused one included)
  // writes it as a side effect.
  await serverSigningSecret(ctx, config.secret);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.addHook('onRoute', enforceAccess(ctx));
  app.addHook('onResponse', observeRequestDuration);
  // Routes mounted by `parts.mountRoutes` (the inbound wing) clean their text themselves.
  let isMounting = false;
  app.addHook(
    'onRoute',
    guardInvalidText(() => isMounting),
  );
  await useSecurityHeaders(app, config.baseUrl);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Beacon API',
        version: '1',
        description: 'Incident management: incidents, timeline, catalog, access.',
      },
      servers: [{ url: config.baseUrl }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token (bcn_…)' },
          session: { type: 'apiKey', in: 'cookie', name: 'beacon_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: apiDocsCsp(config.baseUrl) });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, () => app.swagger());

  healthRoutes(app, ctx);
  sessionRoutes(app, ctx, config);
  twoFactorRoutes(app, ctx);
  oidcRoutes(app, ctx, config);
  incidentRoutes(app, ctx);
  catalogRoutes(app, ctx);
  adminRoutes(app, ctx);
  accountLinkRoutes(app, ctx, config);
  streamRoutes(app, parts.feed);
  alertingRoutes(app, ctx);
  gettingStartedRoutes(app, ctx, config.smtpListen?.port ?? null);
  checkRoutes(app, ctx, config.baseUrl);
  // Here, not at the end, so the OpenAPI document lists /api/v1/events where it always has.
  isMounting = true;
  parts.mountRoutes?.(app);
  isMounting = false;
  await oncallRoutes(app, ctx, config);
  responseRoutes(app, ctx);
  stakeholderRoutes(app, ctx);
  statusPageRoutes(app, ctx, config.baseUrl);
  webhookRoutes(app, ctx, config.baseUrl);
  deliveryRoutes(app, ctx, { isEmailConfigured: config.smtpUrl !== undefined });
  reportRoutes(app, ctx, config.baseUrl);
  reviewRoutes(app, ctx);
  triageRuleRoutes(app, ctx);
  similarRoutes(app, ctx);
  metricsRoutes(app, ctx);
  prometheusRoutes(app, ctx, config.metricsToken);
  statusSubscriberAdminRoutes(app, ctx, config);
  resolutionRoutes(app, ctx);
  followUpRoutes(app, ctx);
  importRoutes(app, ctx, config, { fetch: parts.importFetch, wait: parts.importWait });
  await serveWeb(app, config.webDir);
  return app;
}

/** Serve the built UI, with client-side routes falling back to index.html. */
async function serveWeb(app: ZodApp, webDir: string): Promise<void> {
  const hasWeb = fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDir, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/');
    if (!isPage)
      return sendProblem(reply, 404, `no route ${request.method} ${request.url.split('?')[0] ?? ''}`);
    if (!hasWeb) {
      return reply
        .code(503)
        .type('text/plain')
        .send(
          'The web UI is not built. Run `npm run build:web` (or start with `npm start`). The API is at /api/v1.',
        );
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
