/**
 * What the readers of other tools' REST APIs share: a GET with a timeout that waits out rate
 * limits (429) as the answer says, and an error naming the tool, the status and its message.
 */

/**
 * How a request leaves for the tool: the global `fetch` on a user's machine (`beacon import`),
 * the outbound address policy's fetch on the server (`POST /api/v1/imports/read`).
 */
export type SourceFetch = (
  url: URL,
  init: { headers: Record<string, string>; signal: AbortSignal },
) => Promise<Response>;

/** How one tool's API is asked. */
export interface SourceApi {
  /** The tool's name, in messages ("PagerDuty"). */
  source: string;
  apiUrl: string;
  headers: Record<string, string>;
  /** The header giving the seconds to wait when a 429 has no `Retry-After`. */
  waitHeader: string;
  wait: (ms: number) => Promise<void>;
  /** How requests leave; the global `fetch` when absent. */
  fetch?: SourceFetch;
  /** The tool's error body in one line. */
  errorText: (body: unknown) => string;
  /** The tool's error for a refusal (`status`) or an unreachable API (null). */
  error: (message: string, status: number | null) => Error;
}

const MAX_RATE_LIMIT_RETRIES = 5;
const TIMEOUT_MS = 30_000;

/** The wait a 429 asks for, in ms: `Retry-After` (seconds or a date), else `waitHeader` seconds, else 1 s. */
export function rateLimitWaitMs(headers: Headers, now: number, waitHeader: string): number {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const seconds = Number(headers.get(waitHeader));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000;
}

/** Sleep `ms` (the default way to wait out a rate limit). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** GET `url` and its body (JSON, or the start of the text); a refusal throws the tool's error. */
export async function getFromSource(api: SourceApi, url: URL): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    const response = await send(api, url);
    if (response.status === 429 && attempt < MAX_RATE_LIMIT_RETRIES) {
      await api.wait(rateLimitWaitMs(response.headers, Date.now(), api.waitHeader));
      continue;
    }
    const body = await readBody(response);
    if (response.ok) return body;
    throw api.error(
      `${api.source} answered ${response.status} to GET ${url.pathname}: ${api.errorText(body)}`,
      response.status,
    );
  }
}

async function send(api: SourceApi, url: URL): Promise<Response> {
  try {
    const init = { headers: api.headers, signal: AbortSignal.timeout(TIMEOUT_MS) };
    return await (api.fetch ? api.fetch(url, init) : fetch(url, init));
  } catch (error) {
    const cause =
      error instanceof Error
        ? ((error.cause as { code?: string } | undefined)?.code ?? error.message)
        : String(error);
    throw api.error(`cannot reach ${api.source} at ${api.apiUrl}: ${cause}`, null);
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
