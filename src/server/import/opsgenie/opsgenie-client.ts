/**
 * A reader of Opsgenie's REST API v2: `GenieKey` authentication, `offset`/`limit` paging that
 * follows `paging.next`, and rate limits (a 429 is retried after `Retry-After`, else
 * `X-RateLimit-Period-In-Sec`).
 */

import { type SourceApi, type SourceFetch, getFromSource, rateLimitWaitMs, sleep } from '../source-api.js';

/** Where Opsgenie's REST API is (EU accounts: `OPSGENIE_EU_API_URL`). */
export const OPSGENIE_API_URL = 'https://api.opsgenie.com';
export const OPSGENIE_EU_API_URL = 'https://api.eu.opsgenie.com';

/** How to reach the API; `wait` is how the client waits out a rate limit (tests record it). */
export interface OpsgenieClientOptions {
  apiKey: string;
  apiUrl?: string;
  wait?: (ms: number) => Promise<void>;
  /** How requests leave (the global `fetch` unless given: the server passes its outbound policy's). */
  fetch?: SourceFetch;
  /** Items per page of a paged list (Opsgenie allows up to 100). */
  pageSize?: number;
}

/** Opsgenie refused a request, or could not be reached. */
export class OpsgenieApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'OpsgenieApiError';
  }
}

type Query = Record<string, string | undefined>;

/** The wait a 429 asks for, in ms: `Retry-After` (seconds or a date), else the rate-limit period, else 1 s. */
export function retryDelayMs(headers: Headers, now: number): number {
  return rateLimitWaitMs(headers, now, 'x-ratelimit-period-in-sec');
}

/** A small client for the parts of the REST API an import reads. */
export class OpsgenieClient {
  readonly apiUrl: string;
  private readonly api: SourceApi;
  private readonly pageSize: number;

  constructor(options: OpsgenieClientOptions) {
    this.apiUrl = (options.apiUrl ?? OPSGENIE_API_URL).replace(/\/+$/, '');
    this.api = {
      source: 'Opsgenie',
      apiUrl: this.apiUrl,
      headers: { authorization: `GenieKey ${options.apiKey}`, accept: 'application/json' },
      waitHeader: 'x-ratelimit-period-in-sec',
      wait: options.wait ?? sleep,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      errorText,
      error: (message, status) => new OpsgenieApiError(message, status),
    };
    this.pageSize = options.pageSize ?? 100;
  }

  /** GET one response's `data`. */
  async get<T>(path: string, query: Query = {}): Promise<T> {
    const body = await this.getUrl(this.urlOf(path, query));
    return body.data as T;
  }

  /** Every item of a list; `isPaged` lists are read `limit` at a time, following `paging.next`. */
  async list<T>(path: string, query: Query = {}, isPaged = false): Promise<T[]> {
    const paging = isPaged ? { limit: String(this.pageSize), offset: '0' } : {};
    let url: URL | null = this.urlOf(path, { ...query, ...paging });
    const items: T[] = [];
    while (url !== null) {
      const body = await this.getUrl(url);
      if (!Array.isArray(body.data)) throw new OpsgenieApiError(`GET ${path} answered without "data"`, null);
      items.push(...(body.data as T[]));
      const next = body.paging?.next;
      url = isPaged && typeof next === 'string' && body.data.length > 0 ? this.sameOrigin(next) : null;
    }
    return items;
  }

  private urlOf(path: string, query: Query): URL {
    const url = new URL(`${this.apiUrl}${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    return url;
  }

  /** `paging.next`, refused when it leaves the API (the key must not travel elsewhere). */
  private sameOrigin(next: string): URL {
    const url = new URL(next, this.apiUrl);
    if (url.origin !== new URL(this.apiUrl).origin) {
      throw new OpsgenieApiError(`Opsgenie's next page is on another host (${url.origin})`, null);
    }
    return url;
  }

  private async getUrl(url: URL): Promise<{ data?: unknown; paging?: { next?: unknown } }> {
    const body = await getFromSource(this.api, url);
    if (typeof body === 'object' && body !== null) return body;
    throw new OpsgenieApiError(`Opsgenie answered GET ${url.pathname} without a JSON object`, null);
  }
}

/** Opsgenie's `{message, errors}` in one line. */
function errorText(body: unknown): string {
  const { message, errors } = (body ?? {}) as { message?: unknown; errors?: unknown };
  if (typeof message !== 'string') return typeof body === 'string' ? body : 'no error message';
  const details =
    typeof errors === 'object' && errors !== null
      ? ` (${Object.entries(errors)
          .map(([field, text]) => `${field}: ${String(text)}`)
          .join('; ')})`
      : '';
  return `${message}${details}`;
}
