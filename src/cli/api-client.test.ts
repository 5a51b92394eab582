import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, resolveBaseUrl } from './api-client.js';
import { CliError, UnreachableError, UsageError } from './cli-error.js';
import { ApiError } from './problem.js';

// A real HTTP server standing in for Beacon: each path answers one way.
let server: http.Server;
let url: string;
const seen: Array<{ method?: string; url?: string; auth?: string; body: string }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
      if (req.url?.startsWith('/api/v1/ok')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[],"nextCursor":null}');
      } else if (req.url === '/api/v1/invalid') {
        res.writeHead(400, { 'content-type': 'application/problem+json' });
        res.end(
          JSON.stringify({
            title: 'Bad Request',
            status: 400,
            detail: 'invalid',
            errors: [{ field: 'title', message: 'must not be empty' }],
          }),
        );
      } else if (req.url === '/api/v1/auth') {
        res
          .writeHead(401, { 'content-type': 'application/problem+json' })
          .end('{"title":"Unauthorized","status":401,"detail":"authentication required"}');
      } else {
        res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad Gateway</h1>');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('ApiClient', () => {
  it('sends the bearer token, JSON body and query under /api/v1', async () => {
    const api = new ApiClient({ url: `${url}/`, token: 'bcn_x' }, {});
    await api.get('/ok', { status: 'triggered,investigating', q: undefined });
    await api.post('/ok/post', { title: 't' });
    expect(seen.at(-2)).toMatchObject({
      method: 'GET',
      url: '/api/v1/ok?status=triggered%2Cinvestigating',
      auth: 'Bearer bcn_x',
    });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/api/v1/ok/post', body: '{"title":"t"}' });
  });

  it('reads the URL and token from the environment when no option is given', async () => {
    await new ApiClient({}, { BEACON_URL: url, BEACON_TOKEN: 'bcn_env' }).get('/ok');
    expect(seen.at(-1)?.auth).toBe('Bearer bcn_env');
  });

  it('turns a problem document into an ApiError with its fields', async () => {
    const error = await new ApiClient({ url }, {}).post('/invalid', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      message: 'invalid',
      exitCode: 1,
      fields: [{ field: 'title', message: 'must not be empty' }],
    });
  });

  it('says how to get a token on 401 when none was given', async () => {
    const error = await new ApiClient({ url }, {}).get('/auth').catch((e: unknown) => e);
    expect((error as ApiError).message).toMatch(/authentication required.*BEACON_TOKEN/);
  });

  it('reports a non-JSON error page with the method, URL and status', async () => {
    const error = await new ApiClient({ url }, {}).get('/elsewhere').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toContain('GET');
    expect((error as CliError).message).toContain('HTTP 502');
  });

  it('fails with exit 3 naming the URL when nothing listens', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await new ApiClient({ url: `http://127.0.0.1:${port}` }, {})
      .get('/ok')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as CliError).exitCode).toBe(3);
    expect((error as CliError).message).toContain(`http://127.0.0.1:${port}`);
  });

  it('rejects a URL that is not http(s) as a usage error', () => {
    expect(() => new ApiClient({ url: 'localhost:8080' }, {})).toThrow(UsageError);
  });
});

describe('resolveBaseUrl', () => {
  it('takes --url, else BEACON_URL, else this machine at PORT (8080 when unset)', () => {
    expect(resolveBaseUrl('https://a.example/', { BEACON_URL: 'https://b.example', PORT: '9' })).toBe(
      'https://a.example',
    );
    expect(resolveBaseUrl(undefined, { BEACON_URL: 'https://b.example//', PORT: '9' })).toBe(
      'https://b.example',
    );
    expect(resolveBaseUrl(undefined, { BEACON_URL: ' ', PORT: '9090' })).toBe('http://127.0.0.1:9090');
    expect(resolveBaseUrl(undefined, { PORT: '' })).toBe('http://127.0.0.1:8080');
    expect(resolveBaseUrl(undefined, {})).toBe('http://127.0.0.1:8080');
    for (const PORT of ['0', '65536', 'http', '80a']) {
      expect(() => resolveBaseUrl(undefined, { PORT })).toThrow(UsageError);
    }
  });
});
