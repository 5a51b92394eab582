import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { IntegrationType } from '../../../../src/core/schemas/alerting.js';

// The inbound contract's case table (test-only module): how each source is spoken to.

/** What a source is sent in the contract: a valid event, a body it refuses, one over 512 KB. */
export type BodyKind = 'valid' | 'invalid' | 'oversize';

/** One inbound source as the contract suite drives it. */
export interface InboundSource {
  name: string;
  /** The integration type whose keys the source takes. */
  type: IntegrationType;
  /** Whether keys of every other integration type are taken too (Beacon's own events). */
  isAnyKeyType?: true;
  /** The request a tool sends with `key`; a `valid` event is the same each time it is built. */
  request(key: string, body: BodyKind): InjectOptions;
  /** Status of the answer once the event is committed. */
  accepted: number;
  /** Status for the `invalid` body. */
  refusedBody: number;
  /** Status for an unknown, disabled or other-type key. */
  refusedKey: number;
  /** Status when the ingest queue is full (429 for the clients that retry on it). */
  busy: 429 | 503;
  /** Assert an error reply in the source's own shape (status, content type, body). */
  expectError(res: LightMyRequestResponse, status: number): void;
}

const padding = 'x'.repeat(512 * 1024);
const post = (url: string, payload: unknown, headers: Record<string, string> = {}): InjectOptions => ({
  method: 'POST',
  url,
  payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  headers: { 'content-type': 'application/json', ...headers },
});

function jsonError(res: LightMyRequestResponse, status: number): Record<string, unknown> {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return res.json<Record<string, unknown>>();
}

/** Alertmanager's `{"status":"error","message":…}`, also used by the email route. */
function statusError(res: LightMyRequestResponse, status: number): void {
  const body = jsonError(res, status);
  expect(body.status).toBe('error');
  expect(body.message).toEqual(expect.any(String));
}

const labels = { alertname: 'DiskRunningFull', instance: 'db-1' };

/** Every inbound source: Alertmanager (API and webhook), PagerDuty, Opsgenie, email, Beacon. */
export const INBOUND_SOURCES: InboundSource[] = [
  {
    name: 'Alertmanager API v2',
    type: 'alertmanager',
    request: (key, body) =>
      post(
        '/api/v2/alerts',
        body === 'valid' ? [{ labels }] : body === 'invalid' ? [{ labels: {} }] : [{ labels, padding }],
        { authorization: `Bearer ${key}` },
      ),
    accepted: 200,
    refusedBody: 400,
    refusedKey: 401,
    busy: 503,
    expectError: (res, status) => {
      const body = jsonError(res, status);
      expect(body.code).toBe(status);
      expect(body.message).toEqual(expect.any(String));
    },
  },
  {
    name: 'Alertmanager webhook',
    type: 'alertmanager',
    request: (key, body) =>
      post(`/integrations/alertmanager-webhook/${key}`, {
        version: '4',
        status: 'firing',
        alerts: body === 'invalid' ? [{ status: 'firing', labels: {} }] : [{ status: 'firing', labels }],
        ...(body === 'oversize' ? { padding } : {}),
      }),
    accepted: 200,
    refusedBody: 400,
    refusedKey: 401,
    busy: 503,
    expectError: statusError,
  },
  {
    name: 'PagerDuty Events v2',
    type: 'pagerduty',
    request: (key, body) =>
      post('/v2/enqueue', {
        routing_key: key,
        event_action: 'trigger',
        dedup_key: 'disk-db-1',
        payload:
          body === 'invalid'
            ? { summary: 'Disk full on db-1', source: 'db-1', severity: 'dreadful' }
            : { summary: 'Disk full on db-1', source: 'db-1', severity: 'critical' },
        ...(body === 'oversize' ? { padding } : {}),
      }),
    accepted: 202,
    refusedBody: 400,
    refusedKey: 400,
    busy: 429,
    expectError: (res, status) => {
      const body = jsonError(res, status);
      expect(body.message).toEqual(expect.any(String));
      expect(body.errors).toEqual(expect.any(Array));
    },
  },
  {
    name: 'Opsgenie Alert API',
    type: 'opsgenie',
    request: (key, body) =>
      post(
        '/v2/alerts',
        body === 'valid'
          ? { message: 'Disk full on db-1', alias: 'disk-db-1' }
          : body === 'invalid'
            ? { alias: 'disk-db-1' }
            : { message: 'Disk full on db-1', padding },
        { authorization: `GenieKey ${key}` },
      ),
    accepted: 202,
    refusedBody: 422,
    refusedKey: 401,
    busy: 429,
    expectError: (res, status) => {
      const body = jsonError(res, status);
      expect(body.message).toEqual(expect.any(String));
      expect(body.took).toEqual(expect.any(Number));
      expect(body.requestId).toEqual(expect.any(String));
    },
  },
  {
    name: 'email over HTTP',
    type: 'email',
    request: (key, body) => ({
      method: 'POST',
      url: `/integrations/email/${key}`,
      payload:
        body === 'invalid'
          ? 'just some text, no headers'
          : `From: alerts@monitoring.example.com\r\nSubject: Disk full on db-1\r\n\r\n${body === 'oversize' ? padding : 'Less than 5% left'}`,
      headers: { 'content-type': 'message/rfc822' },
    }),
    accepted: 202,
    refusedBody: 400,
    refusedKey: 401,
    busy: 503,
    expectError: statusError,
  },
  {
    name: 'Beacon events',
    type: 'generic',
    isAnyKeyType: true,
    request: (key, body) =>
      post(
        '/api/v1/events',
        body === 'invalid'
          ? { action: 'trigger', labels }
          : {
              action: 'trigger',
              summary: 'Disk full on db-1',
              labels,
              ...(body === 'oversize' ? { details: { padding } } : {}),
            },
        { authorization: `Bearer ${key}` },
      ),
    accepted: 202,
    refusedBody: 400,
    refusedKey: 401,
    busy: 503,
    expectError: (res, status) => {
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json<{ status: number }>().status).toBe(status);
    },
  },
];
