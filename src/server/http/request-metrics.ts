import type { FastifyReply, FastifyRequest } from 'fastify';
import { httpRequestDuration } from '../observability/process-metrics.js';

/**
 * Time every answered request into `beacon_http_request_duration_seconds`, labelled with the
 * route's pattern (`/api/v1/incidents/:ref`), never the URL: ids and query strings would make
 * a series per request. Requests no route matched share one label.
 */
export function observeRequestDuration(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  const route = request.routeOptions.url ?? 'unmatched';
  httpRequestDuration.observe(
    { method: request.method, route, status_code: String(reply.statusCode) },
    reply.elapsedTime / 1000,
  );
  done();
}
