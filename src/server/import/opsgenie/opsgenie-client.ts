/**
 * A reader of Opsgenie's REST API v2: `GenieKey` authentication, `offset`/`limit` paging that
 * follows `paging.next`, and rate limits (a 429 is retried after `Retry-After`, else
 * `X-RateLimit-Period-In-Sec`).
 */

/** Where Opsgenie's REST API is (EU accounts: `OPSGENIE_EU_API_URL`). */
export const OPSGENIE_API_URL = 'https://api.opsgenie.com';
export const OPSGENIE_EU_API_URL = 'https://api.eu.opsgenie.com';

/** How to reach the API; `wait` is how the client waits out a rate limit (tests record it). */
export interface OpsgenieClientOptions {
  apiKey: string;
  apiUrl?: string;
  wait?: (ms: number) => Promise<void>;
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

const MAX_RATE_LIMIT_RETRIES = 5;
const TIMEOUT_MS = 30_000;

/** The wait a 429 asks for, in ms: `Retry-After` (seconds or a date), else the rate-limit period, else 1 s. */
export function retryDelayMs(headers: Headers, now: number): number {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const period = Number(headers.get('x-ratelimit-period-in-sec'));
  return Number.isFinite(period) && period > 0 ? period * 1000 : 1000;
}

/** A small client for the parts of the REST API an import reads. */
export class OpsgenieClient {
  readonly apiUrl: string;
  private readonly apiKey: string;
  private readonly wait: (ms: number) => Promise<void>;
  private readonly pageSize: number;

  constructor(options: OpsgenieClientOptions) {
    this.apiUrl = (options.apiUrl ?? OPSGENIE_API_URL).replace(/\/+$/, '');
    this.apiKey = options.apiKey;
    this.wait = options.wait ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
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
    for (let attempt = 0; ; attempt++) {
      const response = await this.send(url);
      if (response.status === 429 && attempt < MAX_RATE_LIMIT_RETRIES) {
        await this.wait(retryDelayMs(response.headers, Date.now()));
        continue;
      }
      const body = await readBody(response);
      if (response.ok && typeof body === 'object' && body !== null) return body;
      throw new OpsgenieApiError(
        `Opsgenie answered ${response.status} to GET ${url.pathname}: ${errorText(body)}`,
        response.status,
      );
    }
  }

  private async send(url: URL): Promise<Response> {
    try {
      return await fetch(url, {
        headers: { authorization: `GenieKey ${this.apiKey}`, accept: 'application/json' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const cause =
        error instanceof Error
          ? ((error.cause as { code?: string } | undefined)?.code ?? error.message)
          : String(error);
      throw new OpsgenieApiError(`cannot reach Opsgenie at ${this.apiUrl}: ${cause}`, null);
    }
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    return text.slice(0, 200);
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
