import { timingSafeEqual } from 'node:crypto';
import { Gauge, Registry } from 'prom-client';
import type { AppContext } from '../../commands/context.js';
import { type ServiceGauges, readServiceGauges } from '../../commands/metrics/service-gauges.js';
import { processRegistry } from '../../observability/process-metrics.js';
import { sendProblem } from '../problem.js';
import type { ZodApp } from '../zod-app.js';

/** A scrape reads the database at most this often; Prometheus scrapes every 15 s or more. */
const GAUGE_CACHE_MS = 5_000;

/**
 * `GET /metrics` in the Prometheus text format: this process's own metrics and gauges read
 * from the database at scrape time (cached for a few seconds). Outside /api/v1 and its
 * sign-in: open, or guarded by a bearer token (BEACON_METRICS_TOKEN).
 */
export function prometheusRoutes(app: ZodApp, ctx: AppContext, token: string | undefined): void {
  const registry = Registry.merge([processRegistry, gaugeRegistry(cachedGauges(ctx))]);
  app.get('/metrics', {
    config: { access: { isPublic: true } },
    schema: { hide: true },
    handler: async (request, reply) => {
      if (token !== undefined && !hasToken(request.headers.authorization, token)) {
        void reply.header('www-authenticate', 'Bearer realm="metrics"');
        return sendProblem(
          reply,
          401,
          'GET /metrics needs the token BEACON_METRICS_TOKEN names, as a bearer token',
        );
      }
      const body = await registry.metrics();
      return reply.type(registry.contentType).header('cache-control', 'no-store').send(body);
    },
  });
}

function hasToken(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The database gauges, read at most once per `GAUGE_CACHE_MS`, one read at a time. */
function cachedGauges(ctx: AppContext): () => Promise<ServiceGauges> {
  let cached: { at: number; value: Promise<ServiceGauges> } | undefined;
  return () => {
    const now = ctx.clock.now();
    if (!cached || now - cached.at >= GAUGE_CACHE_MS) {
      const value = readServiceGauges(ctx);
      cached = { at: now, value };
      // A failed read is not kept: the next scrape tries again.
      value.catch(() => {
        if (cached?.value === value) cached = undefined;
      });
    }
    return cached.value;
  };
}

function gaugeRegistry(read: () => Promise<ServiceGauges>): Registry {
  const registry = new Registry();
  new Gauge({
    name: 'beacon_outbox_depth',
    help: 'Outbound messages waiting to be sent (pending or being sent), all processes',
    registers: [registry],
    async collect() {
      this.set((await read()).outboxDepth);
    },
  });
  new Gauge({
    name: 'beacon_outbox_oldest_age_seconds',
    help: 'How long the oldest waiting outbound message has waited (0 when none waits)',
    registers: [registry],
    async collect() {
      this.set((await read()).outboxOldestAgeSeconds);
    },
  });
  new Gauge({
    name: 'beacon_open_incidents',
    help: 'Incidents not yet resolved, by severity, all processes',
    labelNames: ['severity'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { severity, count } of (await read()).openIncidents) this.set({ severity }, count);
    },
  });
  return registry;
}
