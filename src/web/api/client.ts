/** Fetch wrapper for the Beacon JSON API: CSRF header on writes, problem+json errors. */

/** One failing field reported by the server. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** An RFC 9457 problem returned by the API, as a throwable error. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly fields: FieldProblem[];
  readonly type: string;
  /** The whole problem body, with any extension members (such as `current` after a stale save). */
  readonly body: Record<string, unknown>;

  constructor(
    status: number,
    title: string,
    detail?: string,
    fields: FieldProblem[] = [],
    type = 'about:blank',
    body: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.fields = fields;
    this.type = type;
    this.body = body;
  }

  /** True for a 409 caused by a stale `version` (someone else changed the record). */
  get isStale(): boolean {
    return (
      this.status === 409 &&
      (this.fields.some((f) => f.field === 'version') || this.type.endsWith('/conflict'))
    );
  }

  /** The message for one form field, matching `title`, `body.title` or `/title`. */
  fieldMessage(name: string): string | undefined {
    return this.fields.find((f) => fieldMatches(f.field, name))?.message;
  }
}

/** True when a server field path (`title`, `body.title`, `/title`) names form field `name`. */
export function fieldMatches(field: string, name: string): boolean {
  return field === name || field.endsWith(`.${name}`) || field.endsWith(`/${name}`);
}

let csrfToken: string | null = null;

/** Remember the CSRF token of the current session (sent on every write). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Query = Record<string, string | number | boolean | null | undefined | readonly string[]>;

/** Build `path?query`, dropping empty values and joining lists with commas. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function problemOf(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as {
        type?: string;
        title?: string;
        detail?: string;
        message?: string;
        errors?: FieldProblem[];
      };
      return new ApiError(
        response.status,
        body.title ?? response.statusText ?? 'Request failed',
        body.detail ?? body.message,
        Array.isArray(body.errors) ? body.errors : [],
        body.type,
        body,
      );
    } catch {
      // fall through to a generic error: the body was not the JSON it claimed to be
    }
  }
  return new ApiError(response.status, response.statusText || `HTTP ${response.status}`);
}

/** Call the API; resolves with the parsed JSON body (undefined for 204). */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, 'Network error', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** GET shorthand. */
export function get<T>(path: string, query?: Query): Promise<T> {
  return api<T>('GET', withQuery(path, query));
}
