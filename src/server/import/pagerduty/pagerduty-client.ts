/**
 * A reader of the PagerDuty REST API v2: token authentication, classic offset pagination
 * (`limit`, `offset`, `more`) and rate limits (429 answered after `Retry-After` or
 * `ratelimit-reset` seconds).
 */

import { type SourceApi, type SourceFetch, getFromSource, rateLimitWaitMs, sleep } from '../source-api.js';

/** Where PagerDuty's REST API is. */
export const PAGERDUTY_API_URL = 'https://api.pagerduty.com';

/** How to reach the API; `wait` is how the client waits out a rate limit (tests record it). */
export interface PagerDutyClientOptions {
  token: string;
  apiUrl?: string;
  wait?: (ms: number) => Promise<void>;
  /** How requests leave (the global `fetch` unless given: the server passes its outbound policy's). */
  fetch?: SourceFetch;
  /** Items per page (PagerDuty allows up to 100). */
  pageSize?: number;
}

/** PagerDuty refused a request, or could not be reached. */
export class PagerDutyApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'PagerDutyApiError';
  }
}

type Query = Record<string, string | readonly string[] | undefined>;

/** The wait a 429 asks for, in ms: `Retry-After` (seconds or a date), else `ratelimit-reset`, else 1 s. */
export function retryDelayMs(headers: Headers, now: number): number {
  return rateLimitWaitMs(headers, now, 'ratelimit-reset');
}

/** A small client for the parts of the REST API an import reads. */
export class PagerDutyClient {
  readonly apiUrl: string;
  private readonly api: SourceApi;
  private readonly pageSize: number;

  constructor(options: PagerDutyClientOptions) {
    this.apiUrl = (options.apiUrl ?? PAGERDUTY_API_URL).replace(/\/+$/, '');
    this.api = {
      source: 'PagerDuty',
      apiUrl: this.apiUrl,
      headers: {
        accept: 'application/vnd.pagerduty+json;version=2',
        authorization: `Token token=${options.token}`,
        'content-type': 'application/json',
      },
      waitHeader: 'ratelimit-reset',
      wait: options.wait ?? sleep,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      errorText,
      error: (message, status) => new PagerDutyApiError(message, status),
    };
    this.pageSize = options.pageSize ?? 100;
  }

  /** GET one object. */
  async get<T>(path: string, query: Query = {}): Promise<T> {
    const url = new URL(`${this.apiUrl}${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      for (const item of typeof value === 'string' ? [value] : value) url.searchParams.append(key, item);
    }
    return (await getFromSource(this.api, url)) as T;
  }

  /** Every item of a paginated list, page by page until `more` is false. */
  async list<T>(path: string, key: string, query: Query = {}): Promise<T[]> {
    const items: T[] = [];
    for (let offset = 0; ;) {
      const page = await this.get<Record<string, unknown>>(path, {
        ...query,
        limit: String(this.pageSize),
        offset: String(offset),
      });
      const found = page[key];
      if (!Array.isArray(found)) throw new PagerDutyApiError(`GET ${path} answered without "${key}"`, null);
      items.push(...(found as T[]));
      if (page.more !== true || found.length === 0) return items;
      offset += found.length;
    }
  }
}

/** PagerDuty's `{error: {message, errors}}` in one line. */
function errorText(body: unknown): string {
  const error = (body as { error?: { message?: unknown; errors?: unknown } } | null)?.error;
  if (!error) return typeof body === 'string' ? body : 'no error message';
  const details = Array.isArray(error.errors) ? ` (${error.errors.map(String).join('; ')})` : '';
  return `${typeof error.message === 'string' ? error.message : 'error'}${details}`;
}
