import http from 'node:http';
import type { FastifyServerFactory } from 'fastify';

/** Answers a request without Fastify, or returns false to hand it on. */
export type AnswerFirst = (request: http.IncomingMessage, response: http.ServerResponse) => boolean;

/**
 * A Fastify `serverFactory`: the HTTP server whose request listener offers each request to
 * `answer` before Fastify's routing (the status page's fast path), set up as Fastify sets up
 * the server it builds itself (keep-alive, request and connection timeouts).
 */
export function answeringFirst(answer: AnswerFirst): FastifyServerFactory {
  return (handler, options) => {
    const server = http.createServer((options.http ?? {}) as http.ServerOptions, (request, response) => {
      if (!answer(request, response)) handler(request, response);
    });
    server.keepAliveTimeout = Number(options.keepAliveTimeout);
    server.requestTimeout = Number(options.requestTimeout);
    server.setTimeout(Number(options.connectionTimeout));
    const maxRequestsPerSocket = Number(options.maxRequestsPerSocket);
    if (maxRequestsPerSocket > 0) server.maxRequestsPerSocket = maxRequestsPerSocket;
    return server;
  };
}
