/**
 * A reader of the PagerDuty REST API v2: token authentication, classic offset pagination
 * (`limit`, `offset`, `more`) and rate limits (429 answered after `Retry-After` or
 * `ratelimit-reset` seconds).
 */

/** Where PagerDuty's REST API is. */
export const PAGERDUTY_API_URL = 'https://api.pagerduty.com';

/** How to reach the API; `wait` is how the client waits out a rate limit (tests record it). */
export interface PagerDutyClientOptions {
  token: string;
  apiUrl?: string;
  wait?: (ms: number) => Promise<void>;
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

const MAX_RATE_LIMIT_RETRIES = 5;
const TIMEOUT_MS = 30_000;

/** The wait a 429 asks for, in ms: `Retry-After` (seconds or a date), else `ratelimit-reset`, else 1 s. */
export function retryDelayMs(headers: Headers, now: number): number {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const reset = Number(headers.get('ratelimit-reset'));
  return Number.isFinite(reset) && reset > 0 ? reset * 1000 : 1000;
}

/** A small client for the parts of the REST API an import reads. */
export class PagerDutyClient {
  readonly apiUrl: string;
  private readonly token: string;
  private readonly wait: (ms: number) => Promise<void>;
  private readonly pageSize: number;

  constructor(options: PagerDutyClientOptions) {
    this.apiUrl = (options.apiUrl ?? PAGERDUTY_API_URL).replace(/\/+$/, '');
    this.token = options.token;
    this.wait = options.wait ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.pageSize = options.pageSize ?? 100;
  }

  /** GET one object. */
  async get<T>(path: string, query: Query = {}): Promise<T> {
    const url = new URL(`${this.apiUrl}${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      for (const item of typeof value === 'string' ? [value] : value) url.searchParams.append(key, item);
    }
    for (let attempt = 0; ; attempt++) {
      const response = await this.send(url);
      if (response.status === 429 && attempt < MAX_RATE_LIMIT_RETRIES) {
        await this.wait(retryDelayMs(response.headers, Date.now()));
        continue;
      }
      const body = await readBody(response);
      if (response.ok) return body as T;
      throw new PagerDutyApiError(
        `PagerDuty answered ${response.status} to GET ${path}: ${errorText(body)}`,
        response.status,
      );
    }
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

  private async send(url: URL): Promise<Response> {
    try {
      return await fetch(url, {
        headers: {
          accept: 'application/vnd.pagerduty+json;version=2',
          authorization: `Token token=${this.token}`,
          'content-type': 'application/json',
        },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const cause =
        error instanceof Error
          ? ((error.cause as { code?: string } | undefined)?.code ?? error.message)
          : String(error);
      throw new PagerDutyApiError(`cannot reach PagerDuty at ${this.apiUrl}: ${cause}`, null);
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

/** PagerDuty's `{error: {message, errors}}` in one line. */
function errorText(body: unknown): string {
  const error = (body as { error?: { message?: unknown; errors?: unknown } } | null)?.error;
  if (!error) return typeof body === 'string' ? body : 'no error message';
  const details = Array.isArray(error.errors) ? ` (${error.errors.map(String).join('; ')})` : '';
  return `${typeof error.message === 'string' ? error.message : 'error'}${details}`;
}
