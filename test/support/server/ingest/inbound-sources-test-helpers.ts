import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { IntegrationType } from '../../../../src/core/schemas/alerting.js';

// The inbound contract's case table (test-only module): how each source is spoken to.

/**
 * What a source is sent in the contract: a valid event, a body it refuses, one over 512 KB,
 * one nested far too deep (JSON 100,000 levels; email: multipart 2,000 levels), and the valid event with
 * control characters and lone surrogates in its strings (and keys), which clean to it.
 */
export type BodyKind = 'valid' | 'invalid' | 'oversize' | 'deep' | 'unclean';

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
  /** Status for the `deep` body (400: JSON nested too deep; 413: too many MIME parts). */
  refusedDeep: 400 | 413;
  /** Assert an error reply in the source's own shape (status, content type, body). */
  expectError(res: LightMyRequestResponse, status: number): void;
}

const padding = 'x'.repeat(512 * 1024);
const DEPTH = 100_000;
/** JSON text of a value nested DEPTH levels deep (built as text: no recursion anywhere). */
const deepJson = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
/** JSON text of `value` with the deep value added as its field `deep`. */
const withDeep = (value: object) => JSON.stringify(value).replace(/}$/, `,"deep":${deepJson}}`);

/** Text with control characters (NUL, BEL, ESC…) that cleaning strips. */
const unclean = (text: string) => `\u0000${text.replace(' ', ' \u0007')}\u001b`;
/** A lone surrogate, which cleaning turns into U+FFFD. */
const LONE = '\ud800';
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
const uncleanLabels = { alertname: unclean('DiskRunningFull'), 'inst\u0001ance': 'db-1' };

/** A multipart mail nested DEPTH levels deep: far more MIME parts than Beacon reads. */
const deepMail = [
  'From: alerts@monitoring.example.com',
  'Subject: Disk full on db-1',
  ...Array.from(
    { length: 2_000 },
    (_, i) => `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}`,
  ),
  'Content-Type: text/plain',
  '',
  'Less than 5% left',
].join('\r\n');

const email = (subject: string, body: string) =>
  `From: alerts@monitoring.example.com\r\nSubject: ${subject}\r\n\r\n${body}`;

/** Every inbound source: Alertmanager (API and webhook), PagerDuty, Opsgenie, email, Beacon. */
export const INBOUND_SOURCES: InboundSource[] = [
  {
    name: 'Alertmanager API v2',
    type: 'alertmanager',
    request: (key, body) =>
      post(
        '/api/v2/alerts',
        body === 'deep'
          ? `[${withDeep({ labels })}]`
          : body === 'unclean'
            ? [{ labels: uncleanLabels, annotations: { description: `disk${LONE}` } }]
            : body === 'valid'
              ? [{ labels }]
              : body === 'invalid'
                ? [{ labels: {} }]
                : [{ labels, padding }],
        { authorization: `Bearer ${key}` },
      ),
    accepted: 200,
    refusedBody: 400,
    refusedKey: 401,
    refusedDeep: 400,
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
    request: (key, body) => {
      const alert =
        body === 'invalid'
          ? { status: 'firing', labels: {} }
          : body === 'unclean'
            ? { status: 'firing', labels: uncleanLabels, annotations: { description: `disk${LONE}` } }
            : { status: 'firing', labels };
      const notification = {
        version: '4',
        status: 'firing',
        alerts: [alert],
        ...(body === 'oversize' ? { padding } : {}),
      };
      const url = `/integrations/alertmanager-webhook/${key}`;
      return post(url, body === 'deep' ? withDeep(notification) : notification);
    },
    accepted: 200,
    refusedBody: 400,
    refusedKey: 401,
    refusedDeep: 400,
    busy: 503,
    expectError: statusError,
  },
  {
    name: 'PagerDuty Events v2',
    type: 'pagerduty',
    request: (key, body) => {
      const event = {
        routing_key: key,
        event_action: 'trigger',
        dedup_key: 'disk-db-1',
        payload:
          body === 'invalid'
            ? { summary: 'Disk full on db-1', source: 'db-1', severity: 'dreadful' }
            : body === 'unclean'
              ? {
                  summary: unclean('Disk full on db-1'),
                  source: 'db-1',
                  severity: 'critical',
                  custom_details: { [`no\u0002te`]: `disk${LONE}` },
                }
              : { summary: 'Disk full on db-1', source: 'db-1', severity: 'critical' },
        ...(body === 'oversize' ? { padding } : {}),
      };
      return post('/v2/enqueue', body === 'deep' ? withDeep(event) : event);
    },
    accepted: 202,
    refusedBody: 400,
    refusedKey: 400,
    refusedDeep: 400,
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
    request: (key, body) => {
      const valid = { message: 'Disk full on db-1', alias: 'disk-db-1' };
      const headers = { authorization: `GenieKey ${key}` };
      if (body === 'deep') return post('/v2/alerts', withDeep(valid), headers);
      return post(
        '/v2/alerts',
        body === 'valid'
          ? valid
          : body === 'unclean'
            ? {
                message: unclean('Disk full on db-1'),
                alias: unclean('disk-db-1'),
                details: { [`no\u0002te`]: `disk${LONE}` },
              }
            : body === 'invalid'
              ? { alias: 'disk-db-1' }
              : { message: 'Disk full on db-1', padding },
        headers,
      );
    },
    accepted: 202,
    refusedBody: 422,
    refusedKey: 401,
    refusedDeep: 400,
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
          : body === 'deep'
            ? deepMail
            : body === 'unclean'
              ? // An encoded word carries control characters a raw header line cannot.
                email('=?UTF-8?Q?Disk_full_on_db-1=00=07?=', 'Less than\u0000 5% left\u001b')
              : email('Disk full on db-1', body === 'oversize' ? padding : 'Less than 5% left'),
      headers: { 'content-type': 'message/rfc822' },
    }),
    accepted: 202,
    refusedBody: 400,
    refusedKey: 401,
    refusedDeep: 413,
    busy: 503,
    expectError: statusError,
  },
  {
    name: 'Beacon events',
    type: 'generic',
    isAnyKeyType: true,
    request: (key, body) => {
      const valid = { action: 'trigger', summary: 'Disk full on db-1', labels };
      const headers = { authorization: `Bearer ${key}` };
      if (body === 'deep') return post('/api/v1/events', withDeep(valid), headers);
      return post(
        '/api/v1/events',
        body === 'invalid'
          ? { action: 'trigger', labels }
          : body === 'unclean'
            ? {
                action: 'trigger',
                summary: unclean('Disk full on db-1'),
                labels: uncleanLabels,
                details: { [`no\u0002te`]: `disk${LONE}` },
              }
            : { ...valid, ...(body === 'oversize' ? { details: { padding } } : {}) },
        headers,
      );
    },
    accepted: 202,
    refusedBody: 400,
    refusedKey: 401,
    refusedDeep: 400,
    busy: 503,
    expectError: (res, status) => {
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json<{ status: number }>().status).toBe(status);
    },
  },
];
