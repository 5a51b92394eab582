import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import fastifyHelmet from '@fastify/helmet';
import helmet from 'helmet';
import { type Directives, cspHeader } from '../commands/status/page-csp.js';
import type { ZodApp } from './zod-app.js';

export { cspHeader, inlineStyleDirectives } from '../commands/status/page-csp.js';

/**
 * The web UI's policy: scripts, styles and connections only from Beacon itself, never framed.
 * The built UI has no inline script or style element, and React sets `style` props through
 * the CSSOM, which CSP does not restrict, so neither needs 'unsafe-inline'.
 */
const UI_DIRECTIVES: Directives = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
};

/** Swagger UI (`/api/docs`) sets some styles inline and draws its icons from data: URLs. */
const API_DOCS_DIRECTIVES: Directives = {
  ...UI_DIRECTIVES,
  'style-src': ["'self'", "'unsafe-inline'"],
};

/** The Content-Security-Policy of Swagger UI's pages, for its own plugin to send. */
export function apiDocsCsp(baseUrl: string): string {
  return cspHeader(withUpgrade(API_DOCS_DIRECTIVES, baseUrl));
}

function withUpgrade(directives: Directives, baseUrl: string): Directives {
  // Over plain http (a laptop, a test) upgrading requests to https would break every asset.
  return isHttps(baseUrl) ? { ...directives, 'upgrade-insecure-requests': [] } : directives;
}

function isHttps(baseUrl: string): boolean {
  return baseUrl.startsWith('https:');
}

/** Helmet's settings for Beacon: the UI's CSP, no framing, no referrer, HSTS over https. */
function helmetOptions(baseUrl: string) {
  return {
    contentSecurityPolicy: { useDefaults: false, directives: withUpgrade(UI_DIRECTIVES, baseUrl) },
    frameguard: { action: 'deny' as const },
    referrerPolicy: { policy: 'no-referrer' as const },
    // Not for subdomains: they may be other services the operator runs over plain http.
    strictTransportSecurity: isHttps(baseUrl) ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  };
}

/**
 * Security headers on every reply (UI, API, one-click pages): the UI's CSP, no framing, no
 * MIME sniffing, no referrer, and HSTS when Beacon is reached over https (BEACON_BASE_URL).
 */
export async function useSecurityHeaders(app: ZodApp, baseUrl: string): Promise<void> {
  await app.register(fastifyHelmet, helmetOptions(baseUrl));
}

/**
 * The headers `useSecurityHeaders` puts on every reply, as lower-case name and value, for
 * replies sent without Fastify (the status page's fast path). Helmet's own middleware writes
 * them, once, onto a response that is never sent, so the two can never differ.
 */
export function securityHeaderPairs(baseUrl: string): [string, string][] {
  const request = new IncomingMessage(new Socket());
  const response = new ServerResponse(request);
  helmet(helmetOptions(baseUrl))(request, response, (error) => {
    if (error) throw error instanceof Error ? error : new Error('helmet refused its options');
  });
  return Object.entries(response.getHeaders()).map(([name, value]) => [name, String(value)]);
}
