import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../support/server/test-database.js';
import { apiTargets } from './api-targets.js';
import { changedTables } from './database-snapshot.js';
import { errorShapeFaults } from './error-shapes.js';
import { FuzzChecker, type FuzzTarget, replyFaults } from './fuzz-checker.js';
import { FuzzRequest } from './fuzz-request.js';
import { FuzzServer } from './fuzz-server.js';
import { ingestTargets } from './ingest-targets.js';
import { DeepNesting, jsonText } from './json-text.js';
import { operationsOf } from './api-requests.js';
import type { RawReply } from './raw-http.js';

// The fuzz suite's own checks must be able to fail: each is shown a wrong answer here.

const reply = (status: number, type: string, body: unknown): RawReply => ({
  status,
  headers: { 'content-type': type },
  body: JSON.stringify(body),
});

describe('fuzz suite: error shapes', () => {
  const problem = { type: 'https://beacon.dev/problems/validation', title: 'Invalid request', detail: 'x' };

  it('accepts a problem and refuses Fastify’s own error body or a 400 without fields', () => {
    const named = { ...problem, status: 400, errors: [{ field: 'title', message: 'is required' }] };
    expect(errorShapeFaults('problem', reply(400, 'application/problem+json', named))).toEqual([]);
    expect(
      errorShapeFaults('problem', reply(400, 'application/problem+json', { ...problem, status: 400 })),
    ).toEqual(['a 400 without "errors[].field" naming the failing field']);
    const fastify = { error: 'Bad Request', message: 'Client Error', statusCode: 400 };
    expect(errorShapeFaults('problem', reply(400, 'application/json', fastify))).not.toEqual([]);
  });

  it('holds each inbound format to its own shape', () => {
    expect(
      errorShapeFaults('alertmanager', reply(400, 'application/json', { code: 400, message: 'bad' })),
    ).toEqual([]);
    expect(
      errorShapeFaults('alertmanager', reply(401, 'application/json', { code: 400, message: 'bad' })),
    ).toEqual(['"code" is 400']);
    expect(
      errorShapeFaults(
        'pagerduty',
        reply(400, 'application/json', { status: 'x', message: 'y', errors: [] }),
      ),
    ).toEqual([]);
    expect(errorShapeFaults('opsgenie', reply(422, 'application/json', { message: 'y', took: 0 }))).toEqual([
      'no "requestId"',
    ]);
    expect(
      errorShapeFaults('status-message', reply(500, 'application/problem+json', { status: 'error' })),
    ).not.toEqual([]);
  });

  it('writes nesting deeper than JSON.stringify can', () => {
    expect(JSON.parse(jsonText({ a: new DeepNesting(20_000, true) }))).toHaveProperty('a');
  });
});

describeEachDialect('fuzz suite: checks against a server', (dialect) => {
  let server: FuzzServer;
  beforeAll(async () => {
    server = await FuzzServer.start(dialect);
  });
  afterAll(() => server.close());

  it('sees a write in the snapshot of the database', async () => {
    const before = await server.snapshot();
    const created = await server.send(
      new FuzzRequest('POST /api/v1/teams', 'POST', '/api/v1/teams', 'admin', {
        kind: 'json',
        value: { name: 'SRE' },
      }),
    );
    expect(created.status).toBe(201);
    // Creating a team is a configuration change: the audit log records it.
    expect(changedTables(before, await server.snapshot())).toEqual(['audit_log', 'teams']);
  });

  it('reports a 5xx, and a malformed id answered as if it were another', async () => {
    const doc = await server.openApiDocument();
    const target = apiTargets(doc, server.protectedIds).find((t) => t.name === 'GET /api/v1/teams/{id}');
    if (!target) throw new Error('no GET /api/v1/teams/{id} in the OpenAPI document');
    const request = new FuzzRequest(
      target.name,
      'GET',
      '/api/v1/teams/%201',
      'admin',
      { kind: 'none' },
      {},
      { id: ' 1' },
    );
    expect(replyFaults(target, request, reply(200, 'application/json', {}))).toEqual([
      'accepted " 1" as the id',
    ]);
    expect(replyFaults(target, request, reply(404, 'application/problem+json', { ...notFound }))).toEqual([]);
    expect(
      replyFaults(target, request, reply(500, 'application/problem+json', { ...notFound, status: 500 })),
    ).toEqual(['a server error']);
  });

  it('reports a refused request that changed data, unless its format keeps part of it', async () => {
    const doc = await server.openApiDocument();
    const events = operationsOf(doc).find((op) => op.name === 'POST /api/v1/events');
    if (!events) throw new Error('no POST /api/v1/events');
    const alertmanager = ingestTargets(server.keys, events)[0];
    if (!alertmanager) throw new Error('no Alertmanager target');
    // Alertmanager keeps the valid alerts of a batch and answers 400 for the others.
    const mixed = (name: string) =>
      new FuzzRequest(
        'POST /api/v2/alerts',
        'POST',
        '/api/v2/alerts',
        'integration',
        {
          kind: 'json',
          value: [{ labels: { alertname: name } }, { labels: {} }],
        },
        { authorization: `Bearer ${server.keys.alertmanager}` },
      );
    const checker = new FuzzChecker(server);
    expect(await checker.check(alertmanager, mixed('DiskRunningFull'))).toEqual([]);
    const strict: FuzzTarget = { ...alertmanager, mayKeepPartOf: () => false };
    const [fault] = await checker.check(strict, mixed('HighLatency'));
    expect(fault).toMatch(/^400: refused, yet it changed .*alerts/);
  });

  it('generates requests for every operation of the document', async () => {
    const targets = apiTargets(await server.openApiDocument(), server.protectedIds);
    for (const target of targets) {
      const [request] = fc.sample(target.requests, { numRuns: 1, seed: 1 });
      expect(request?.path, target.name).toMatch(/^\//);
    }
    expect(targets.length).toBeGreaterThan(100);
  });
});

const notFound = {
  type: 'https://beacon.dev/problems/not_found',
  title: 'Not found',
  status: 404,
  detail: 'x',
};
