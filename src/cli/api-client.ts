import type { Command } from 'commander';
import { DEFAULT_PORT } from '../server/default-port.js';
import { CliError, UnreachableError, UsageError } from './cli-error.js';
import { ApiError, isProblem } from './problem.js';

/** Where the API is and how to authenticate to it. */
export interface ApiOptions {
  url?: string;
  token?: string;
}

/** How `--url` is described in the help. */
export const URL_HELP = `Beacon base URL (env BEACON_URL, else http://127.0.0.1:$PORT, PORT default ${DEFAULT_PORT})`;

/** Add `--url` and `--token`, the options of every command that talks to the HTTP API. */
export function withApiOptions(command: Command): Command {
  return command
    .option('--url <url>', URL_HELP)
    .option('--token <token>', 'API token (env BEACON_TOKEN; prefer the env var, arguments show in ps)');
}

/**
 * The Beacon address to use: `--url`, else BEACON_URL, else this machine's server at PORT
 * (the port `beacon serve` listens on, 8080 when unset).
 */
export function resolveBaseUrl(url: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = url ?? (env.BEACON_URL?.trim() || undefined);
  if (chosen !== undefined) return chosen.replace(/\/+$/, '');
  const port = env.PORT?.trim() || String(DEFAULT_PORT);
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65_535 || Number(port) === 0) {
    throw new UsageError(`PORT must be a port number from 1 to 65535 (got "${port}"); or set BEACON_URL`);
  }
  return `http://127.0.0.1:${Number(port)}`;
}

const TIMEOUT_MS = 30_000;

/** A small JSON client for Beacon's HTTP API that turns every failure into a CliError. */
export class ApiClient {
  readonly baseUrl: string;
  private readonly token: string | undefined;

  constructor(options: ApiOptions, env: NodeJS.ProcessEnv = process.env) {
    this.baseUrl = resolveBaseUrl(options.url, env);
    this.token = options.token ?? (env.BEACON_TOKEN || undefined);
    if (!/^https?:\/\//.test(this.baseUrl)) {
      throw new UsageError(`the API URL must start with http:// or https:// (got "${this.baseUrl}")`);
    }
  }

  /** GET `path` (under /api/v1) with optional query parameters. */
  get<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
    const search = params.size > 0 ? `?${params.toString()}` : '';
    return this.request<T>('GET', `${path}${search}`);
  }

  /** GET `path` (under /api/v1) as text (a CSV export); failures are problems like any other. */
  getText(path: string, query: Record<string, string | undefined> = {}): Promise<string> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
    const search = params.size > 0 ? `?${params.toString()}` : '';
    return this.request<string>('GET', `${path}${search}`, undefined, 'text');
  }

  /** POST a JSON `body` to `path` (under /api/v1). */
  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  /** PATCH `path` (under /api/v1) with a JSON `body`. */
  patch<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  /** DELETE `path` (under /api/v1); resolves when the server answered 2xx. */
  delete(path: string): Promise<unknown> {
    return this.request<unknown>('DELETE', path);
  }

  private async request<T>(
    method: string,
    path: string,
    body?: unknown,
    as: 'json' | 'text' = 'json',
  ): Promise<T> {
    const url = `${this.baseUrl}/api/v1${path}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new UnreachableError(`cannot reach Beacon at ${this.baseUrl}: ${reasonOf(error)}`);
    }
    if (as === 'text' && response.ok) return (await response.text()) as T;
    const payload = await readJson(response);
    if (response.ok) return payload as T;
    if (isProblem(payload)) {
      const problem = { ...payload };
      if (response.status === 401 && !this.token) {
        problem.detail = `${problem.detail ?? 'authentication required'} (set BEACON_TOKEN or --token; create one with "beacon token create")`;
      }
      throw new ApiError(response.status, problem);
    }
    throw new ApiError(response.status, {
      status: response.status,
      detail: `${method} ${url} answered HTTP ${response.status} ${response.statusText}`,
    });
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (response.ok)
      throw new CliError(`the server answered with something that is not JSON: ${text.slice(0, 200)}`);
    return undefined;
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError')
    return `no answer within ${TIMEOUT_MS / 1000}s`;
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
