/**
 * A reader of Grafana OnCall's public REST API v1: the raw token in `Authorization`, lists read
 * page by page following `next`, and rate limits (a 429 is retried after `Retry-After`).
 */

import { type SourceApi, type SourceFetch, getFromSource, sleep } from '../source-api.js';
import type { GoPage } from './grafana-oncall-types.js';

/** How to reach the API; `wait` is how the client waits out a rate limit (tests record it). */
export interface GrafanaOnCallClientOptions {
  token: string;
  /** The OnCall API root, e.g. `https://oncall-prod-us-central-0.grafana.net/oncall`. */
  apiUrl: string;
  wait?: (ms: number) => Promise<void>;
  /** How requests leave (the global `fetch` unless given: the server passes its outbound policy's). */
  fetch?: SourceFetch;
}

/** Grafana OnCall refused a request, or could not be reached. */
export class GrafanaOnCallApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'GrafanaOnCallApiError';
  }
}

type Query = Record<string, string>;

/** A small client for the parts of the public API an import reads. */
export class GrafanaOnCallClient {
  readonly apiUrl: string;
  private readonly api: SourceApi;

  constructor(options: GrafanaOnCallClientOptions) {
    // The API URL as OnCall's settings page shows it; a pasted `/api/v1` is taken off.
    this.apiUrl = options.apiUrl.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
    this.api = {
      source: 'Grafana OnCall',
      apiUrl: this.apiUrl,
      // The token as it is: OnCall's public API takes no "Bearer" scheme.
      headers: { authorization: options.token, accept: 'application/json' },
      waitHeader: 'retry-after',
      wait: options.wait ?? sleep,
      errorText,
      error: (message, status) => new GrafanaOnCallApiError(message, status),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    };
  }

  /** Every item of the list at `path` (e.g. `/api/v1/users/`), following `next` to the last page. */
  async list<T>(path: string, query: Query = {}): Promise<T[]> {
    let url: URL | null = this.urlOf(path, query);
    const items: T[] = [];
    while (url !== null) {
      const body = await getFromSource(this.api, url);
      const page = body as Partial<GoPage<T>> | null;
      if (page === null || typeof page !== 'object' || !Array.isArray(page.results)) {
        throw new GrafanaOnCallApiError(
          `Grafana OnCall answered GET ${url.pathname} without "results"`,
          null,
        );
      }
      items.push(...page.results);
      url = typeof page.next === 'string' && page.results.length > 0 ? this.sameOrigin(page.next) : null;
    }
    return items;
  }

  private urlOf(path: string, query: Query): URL {
    const url = new URL(`${this.apiUrl}${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url;
  }

  /** `next`, refused when it leaves the API's host (the token must not travel elsewhere). */
  private sameOrigin(next: string): URL {
    const url = new URL(next, this.apiUrl);
    if (url.origin !== new URL(this.apiUrl).origin) {
      throw new GrafanaOnCallApiError(`Grafana OnCall's next page is on another host (${url.origin})`, null);
    }
    return url;
  }
}

/** OnCall's `{detail}` or `{field: [messages]}` in one line. */
function errorText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body === null || typeof body !== 'object') return 'no error message';
  const { detail } = body as { detail?: unknown };
  if (typeof detail === 'string') return detail;
  return Object.entries(body)
    .map(([field, text]) => `${field}: ${Array.isArray(text) ? text.map(String).join(' ') : String(text)}`)
    .join('; ');
}
