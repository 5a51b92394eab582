import { createHash } from 'node:crypto';
import fastifyHelmet from '@fastify/helmet';
import type { ZodApp } from './zod-app.js';

type Directives = Record<string, string[]>;

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

/** The policy of a page whose only inline content is one `<style>` element, allowed by its hash. */
export function inlineStyleDirectives(css: string): Directives {
  const hash = createHash('sha256').update(css).digest('base64');
  return {
    'default-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'style-src': [`'sha256-${hash}'`],
  };
}

/** Directives as a Content-Security-Policy header value. */
export function cspHeader(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

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

/**
 * Security headers on every reply (UI, API, one-click pages): the UI's CSP, no framing, no
 * MIME sniffing, no referrer, and HSTS when Beacon is reached over https (BEACON_BASE_URL).
 */
export async function useSecurityHeaders(app: ZodApp, baseUrl: string): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: withUpgrade(UI_DIRECTIVES, baseUrl) },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Not for subdomains: they may be other services the operator runs over plain http.
    strictTransportSecurity: isHttps(baseUrl) ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  });
}
