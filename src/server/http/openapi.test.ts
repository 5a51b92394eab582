import { expect, it } from 'vitest';
import type { IncidentPage } from '../../core/schemas/incident.js';
import { useApiHarness } from '../../../test/support/server/api-harness.js';
import { describeEachDialect } from '../../../test/support/server/test-database.js';
import { expectProblem, ok } from '../../../test/support/server/http/api-test-helpers.js';
import type { ZodApp } from './zod-app.js';

interface OpenApiDoc {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, { summary?: string; tags?: string[] }>>;
  components: { securitySchemes: Record<string, unknown> };
}

/** "METHOD /path" of every route the app serves, read from Fastify's own route tree. */
function servedRoutes(app: ZodApp): Set<string> {
  const routes = new Set<string>();
  const prefixes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match?.[2]) continue;
    const depth = (match[1] ?? '').length / 4;
    const path = (prefixes[depth - 1] ?? '') + match[2];
    prefixes[depth] = path;
    for (const method of (match[3] ?? '').split(', ').filter((m) => m && m !== 'HEAD'))
      routes.add(`${method} ${path}`);
  }
  return routes;
}

describeEachDialect('health, OpenAPI and HTTP errors', (dialect) => {
  const api = useApiHarness(dialect);

  it('answers the health checks without credentials', async () => {
    expect(ok(await api().call('GET', '/healthz', { as: null }))).toEqual({ status: 'ok' });
    expect(ok(await api().call('GET', '/readyz', { as: null }))).toEqual({ status: 'ready' });
  });

  it('publishes an OpenAPI 3.1.0 document that lists every route the app serves', async () => {
    const doc = ok<OpenApiDoc>(await api().call('GET', '/api/v1/openapi.json', { as: null }));
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Beacon API');
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearer', 'session']);
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const served = [...servedRoutes(api().app)].filter(
      (route) => /^\S+ \/(api\/v1\/|healthz|readyz)/.test(route) && !route.endsWith(' /api/v1/openapi.json'),
    );
    expect(served.length).toBeGreaterThan(40);
    expect([...documented].sort()).toEqual(served.sort());
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        expect(op.summary, `${method} ${path}`).toBeTruthy();
        expect(op.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
      }
    }
  });

  it('serves the API docs as HTML', async () => {
    const res = await api().call('GET', '/api/docs', { as: null });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/<html/i);
  });

  it('answers unknown API paths and methods with a 404 problem', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nothing-here'],
      ['POST', '/api/v1/incidents/INC-1/teleport'],
      ['PUT', '/api/v1/incidents'],
      ['DELETE', '/api/v2/incidents'],
    ] as const) {
      for (const as of ['admin', null] as const) {
        const problem = expectProblem(await api().call(method, url, { as }), 404);
        expect(problem.detail).toContain(url);
      }
    }
  });

  it('rejects a malformed or empty JSON body with a 400 problem, declaring nothing', async () => {
    for (const body of ['{"title":', '', 'null', '"just a string"']) {
      const res = await api().call('POST', '/api/v1/incidents', {
        as: 'responder',
        body,
        headers: { 'content-type': 'application/json' },
      });
      expectProblem(res, 400, '(body)');
    }
    const plain = await api().call('POST', '/api/v1/incidents', {
      as: 'responder',
      body: 'title=x',
      headers: { 'content-type': 'text/plain' },
    });
    expectProblem(plain, 400);
    expect(ok<IncidentPage>(await api().call('GET', '/api/v1/incidents')).items).toEqual([]);
  });

  it('rejects a body over the size limit with a 413 problem, declaring nothing', async () => {
    const res = await api().call('POST', '/api/v1/incidents', {
      as: 'responder',
      body: { title: 'Huge', summary: 'x'.repeat(600 * 1024) },
    });
    expectProblem(res, 413);
    expect(ok<IncidentPage>(await api().call('GET', '/api/v1/incidents')).items).toEqual([]);
  });
});
