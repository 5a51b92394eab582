import fc from 'fast-check';
import { cleanJson } from '../../src/core/text/clean-text.js';
import type { IntegrationType } from '../../src/core/schemas/alerting.js';
import { postableAlertsToEvents } from '../../src/server/ingest/alertmanager/parse.js';
import { type ApiOperation } from './api-requests.js';
import { applyMutations, mutations } from './body-mutations.js';
import type { FuzzTarget } from './fuzz-checker.js';
import { type Body, FuzzRequest, encodeSegment } from './fuzz-request.js';
import { brokenJsonBody, contentType, hostileId, hostileShortString } from './hostile-values.js';
import * as payloads from './ingest-payloads.js';
import { jsonText } from './json-text.js';
import type { ErrorShape } from './error-shapes.js';
import { arbitraryOf } from './schema-arbitrary.js';
import { urlFlaw, withFlaw } from './url-flaws.js';

type Keys = Record<IntegrationType, string>;

/** A format's error shape; a 404 may also be Beacon's problem (a key left out of the path matches no route). */
function inFormat(format: ErrorShape): FuzzTarget['shape'] {
  return (_request, reply) => (reply.status === 404 ? [format, 'problem'] : format);
}

/** A key for a source of `type`: its own mostly, else another type's, a broken one or none. */
function keyFor(keys: Keys, type: IntegrationType): fc.Arbitrary<string> {
  const others = Object.entries(keys)
    .filter(([t]) => t !== type)
    .map(([, k]) => k);
  return fc.oneof(
    { weight: 10, arbitrary: fc.constant(keys[type]) },
    { weight: 1, arbitrary: fc.constantFrom(...others) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        hostileId,
        fc.constantFrom('', keys[type].toUpperCase(), `${keys[type]}x`, keys[type].slice(1)),
      ),
    },
  );
}

/** A key as it can go into a header: printable ASCII only. */
const headerSafe = (key: string) => key.replace(/[^\x21-\x7e]/g, '');

/** How Alertmanager-style senders present a key: bearer, basic-auth password, or not at all. */
function authorizationOf(key: fc.Arbitrary<string>): fc.Arbitrary<Record<string, string>> {
  return fc.tuple(key, fc.constantFrom('bearer', 'basic', 'none')).map(([k, how]): Record<string, string> => {
    if (how === 'none') return {};
    const value =
      how === 'bearer' ? `Bearer ${headerSafe(k)}` : `Basic ${Buffer.from(`x:${k}`).toString('base64')}`;
    return { authorization: value };
  });
}

/** A JSON body: valid-ish, mutated, or broken bytes; with a content type that is mostly right. */
function jsonBody(
  valid: fc.Arbitrary<unknown>,
): fc.Arbitrary<{ body: Body; headers: Record<string, string> }> {
  const body = fc.oneof(
    { weight: 5, arbitrary: valid.map((value): Body => ({ kind: 'json', value })) },
    {
      weight: 4,
      arbitrary: fc.tuple(valid, mutations).map(([value, list]): Body => {
        const result = applyMutations(value, list);
        return result === undefined ? { kind: 'none' } : { kind: 'json', value: result };
      }),
    },
    { weight: 1, arbitrary: brokenJsonBody.map((bytes): Body => ({ kind: 'raw', bytes })) },
  );
  return fc.tuple(body, contentType).map(([b, type]) => {
    const headers: Record<string, string> = type ? { 'content-type': type } : {};
    return { body: b, headers };
  });
}

const request = (target: string, method: string, path: string, body: Body, headers: Record<string, string>) =>
  new FuzzRequest(target, method, path, 'integration', body, headers);

/** Whether an Alertmanager API v2 request held at least one valid alert (which it keeps even when refused). */
function hasValidAlert(r: FuzzRequest): boolean {
  if (r.body.kind !== 'json') return false;
  // The server cleans text first (control characters stripped): a start time of NULs is none.
  const sent: unknown = cleanJson(JSON.parse(jsonText(r.body.value)));
  return postableAlertsToEvents(sent, Date.parse('2026-03-01T12:00:00Z')).events.length > 0;
}

/** Alertmanager API v2 and webhook. */
function alertmanagerTargets(keys: Keys): FuzzTarget[] {
  const key = keyFor(keys, 'alertmanager');
  const inPath = (k: string) => `/integrations/alertmanager/${encodeSegment(k)}`;
  const prefixAndAuth = fc.oneof(
    fc.tuple(fc.constant(''), authorizationOf(key)),
    fc.tuple(key.map(inPath), fc.constant({})),
  );
  const filter = fc.oneof(
    hostileShortString,
    fc.constantFrom('alertname="DiskRunningFull"', '{job=~"a|b",x!="y"}', 'a=~"("', '{', 'a!~""'),
  );
  const query = fc
    .array(
      fc.tuple(
        fc.constantFrom('filter', 'active', 'silenced', 'inhibited', 'unprocessed', 'receiver'),
        fc.oneof(filter, fc.constantFrom('true', 'false')),
      ),
      { maxLength: 3 },
    )
    .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${encodeSegment(v)}`).join('&')}` : ''));
  return [
    {
      name: 'POST /api/v2/alerts (Alertmanager)',
      requests: fc
        .tuple(prefixAndAuth, jsonBody(payloads.alertmanagerAlerts))
        .map(([[prefix, auth], { body, headers }]) =>
          request('POST /api/v2/alerts', 'POST', `${prefix}/api/v2/alerts`, body, { ...auth, ...headers }),
        ),
      shape: inFormat('alertmanager'),
      mayKeepPartOf: hasValidAlert,
    },
    {
      name: 'GET /api/v2/alerts and /api/v2/status (Alertmanager)',
      requests: fc
        .tuple(prefixAndAuth, fc.constantFrom('alerts', 'status'), query)
        .map(([[prefix, auth], what, q]) =>
          request(`GET /api/v2/${what}`, 'GET', `${prefix}/api/v2/${what}${q}`, { kind: 'none' }, auth),
        ),
      shape: inFormat('alertmanager'),
    },
    {
      name: 'POST /integrations/alertmanager-webhook (Alertmanager webhook)',
      requests: fc
        .tuple(
          fc.oneof(
            key.map((k) => [`/${encodeSegment(k)}`, {}] as const),
            authorizationOf(key).map((a) => ['', a] as const),
          ),
          jsonBody(payloads.alertmanagerWebhook),
        )
        .map(([[suffix, auth], { body, headers }]) =>
          request(
            'POST /integrations/alertmanager-webhook',
            'POST',
            `/integrations/alertmanager-webhook${suffix}`,
            body,
            { ...auth, ...headers },
          ),
        ),
      shape: inFormat('status-message'),
    },
  ];
}

/** PagerDuty Events v2: alert and change events, at the root and under /integrations/pagerduty. */
function pagerDutyTargets(keys: Keys): FuzzTarget[] {
  const key = keyFor(keys, 'pagerduty');
  const prefix = fc.constantFrom('', '/integrations/pagerduty');
  return (
    [
      ['/v2/enqueue', payloads.pagerDutyEvent(key)],
      ['/v2/change/enqueue', payloads.pagerDutyChange(key)],
    ] as const
  ).map(([path, payload]) => ({
    name: `POST ${path} (PagerDuty)`,
    requests: fc
      .tuple(prefix, jsonBody(payload))
      .map(([p, { body, headers }]) => request(`POST ${path}`, 'POST', `${p}${path}`, body, headers)),
    shape: inFormat('pagerduty'),
  }));
}

/** Opsgenie's Alert API: create, close and acknowledge, updates, request status. */
function opsgenieTargets(keys: Keys): FuzzTarget[] {
  const auth = fc
    .tuple(keyFor(keys, 'opsgenie'), fc.constantFrom('GenieKey ', 'genieKey  ', 'Bearer ', ''))
    .map(([k, scheme]): Record<string, string> => ({ authorization: `${scheme}${headerSafe(k)}`.trim() }));
  const prefix = fc.constantFrom('', '/integrations/opsgenie');
  const identifier = fc
    .oneof(fc.integer({ min: 1, max: 20 }).map(String), hostileId, fc.string({ maxLength: 20 }))
    .map(encodeSegment);
  const identifierType = fc.oneof(
    fc.constantFrom('', '?identifierType=id', '?identifierType=alias', '?identifierType=tiny'),
    hostileShortString.map((t) => `?identifierType=${encodeSegment(t)}`),
  );
  return [
    {
      name: 'POST /v2/alerts (Opsgenie)',
      requests: fc
        .tuple(prefix, auth, jsonBody(payloads.opsgenieAlert))
        .map(([p, a, { body, headers }]) =>
          request('POST /v2/alerts', 'POST', `${p}/v2/alerts`, body, { ...a, ...headers }),
        ),
      shape: inFormat('opsgenie'),
    },
    {
      name: 'POST /v2/alerts/{identifier}/close and /acknowledge (Opsgenie)',
      requests: fc
        .tuple(
          prefix,
          auth,
          identifier,
          fc.constantFrom('close', 'acknowledge'),
          identifierType,
          jsonBody(payloads.opsgenieAction),
        )
        .map(([p, a, id, verb, q, { body, headers }]) =>
          request(`POST /v2/alerts/{identifier}/${verb}`, 'POST', `${p}/v2/alerts/${id}/${verb}${q}`, body, {
            ...a,
            ...headers,
          }),
        ),
      shape: inFormat('opsgenie'),
    },
    {
      name: 'PUT /v2/alerts/{identifier}/message, GET /v2/alerts/requests/{id} (Opsgenie)',
      requests: fc
        .tuple(
          prefix,
          auth,
          identifier,
          fc.constantFrom('PUT message', 'PUT description', 'GET requests'),
          jsonBody(payloads.opsgenieAction),
        )
        .map(([p, a, id, what, { body, headers }]) => {
          const [method = 'GET', field = ''] = what.split(' ');
          const path = method === 'GET' ? `${p}/v2/alerts/requests/${id}` : `${p}/v2/alerts/${id}/${field}`;
          return method === 'GET'
            ? request(`GET /v2/alerts/requests/{id}`, 'GET', path, { kind: 'none' }, a)
            : request(`PUT /v2/alerts/{identifier}/${field}`, 'PUT', path, body, { ...a, ...headers });
        }),
      shape: inFormat('opsgenie'),
    },
  ];
}

/** The email intake over HTTP: a raw message under the key in the path. */
function emailTarget(keys: Keys): FuzzTarget {
  const body = fc.oneof(
    { weight: 8, arbitrary: payloads.alertMail },
    { weight: 1, arbitrary: brokenJsonBody },
    { weight: 1, arbitrary: fc.constant(Buffer.from(`Subject: big\r\n\r\n${'x'.repeat(600 * 1024)}`)) },
  );
  const type = fc.constantFrom('message/rfc822', 'text/plain', 'application/octet-stream', undefined);
  return {
    name: 'POST /integrations/email/{key} (email)',
    requests: fc
      .tuple(keyFor(keys, 'email').map(encodeSegment), body, type)
      .map(([k, bytes, t]) =>
        request(
          'POST /integrations/email/{key}',
          'POST',
          `/integrations/email/${k}`,
          { kind: 'raw', bytes },
          t ? { 'content-type': t } : {},
        ),
      ),
    shape: inFormat('status-message'),
  };
}

/** Beacon's own events with integration keys (the API fuzz sends it user tokens). */
function beaconEventsTarget(keys: Keys, op: ApiOperation): FuzzTarget {
  const key = fc.oneof(fc.constantFrom(...Object.values(keys)), keyFor(keys, 'generic'));
  return {
    name: 'POST /api/v1/events (Beacon events, integration keys)',
    requests: fc
      .tuple(key, jsonBody(op.body ? arbitraryOf(op.body) : fc.constant({})))
      .map(([k, { body, headers }]) =>
        request('POST /api/v1/events', 'POST', '/api/v1/events', body, {
          authorization: `Bearer ${headerSafe(k)}`,
          ...headers,
        }),
      ),
    shape: 'problem',
  };
}

/** The inbound routes by path (`{key}` and `{id}` filled in), with the error shape of each. */
const INBOUND_ROUTES: [method: string, path: string, shape: ErrorShape][] = [
  ['POST', '/api/v2/alerts', 'alertmanager'],
  ['GET', '/integrations/alertmanager/{key}/api/v2/alerts', 'alertmanager'],
  ['POST', '/integrations/alertmanager-webhook/{key}', 'status-message'],
  ['POST', '/v2/enqueue', 'pagerduty'],
  ['POST', '/integrations/pagerduty/v2/change/enqueue', 'pagerduty'],
  ['POST', '/v2/alerts', 'opsgenie'],
  ['POST', '/integrations/opsgenie/v2/alerts/{id}/close', 'opsgenie'],
  ['GET', '/v2/alerts/requests/{id}', 'opsgenie'],
  ['POST', '/integrations/email/{key}', 'status-message'],
];

/** Inbound routes with one thing wrong in the URL: each still answers in its format's shape. */
function brokenUrlTarget(keys: Keys): FuzzTarget {
  const requests = fc
    .tuple(fc.constantFrom(...INBOUND_ROUTES), urlFlaw, fc.boolean())
    .map(([[method, template, shape], flaw, isFlawInParam]) => {
      const hasParam = /\{(key|id)\}/.test(template);
      const param = isFlawInParam && hasParam && flaw.segment !== undefined ? flaw.segment : undefined;
      const filled = template
        .replace('{key}', param ?? (template.includes('alertmanager') ? keys.alertmanager : keys.email))
        .replace('{id}', param ?? '1');
      const path = withFlaw(param === undefined ? flaw : { ...flaw, segment: undefined }, filled);
      const headers: Record<string, string> = {
        authorization: shape === 'opsgenie' ? `GenieKey ${keys.opsgenie}` : `Bearer ${keys.alertmanager}`,
      };
      const body: Body =
        method === 'POST' ? { kind: 'json', value: { routing_key: keys.pagerduty } } : { kind: 'none' };
      return request(`${method} ${template}`, method, path, body, headers);
    });
  return {
    name: 'broken URLs of the inbound routes (bad escapes, overlong keys and queries, raw bytes)',
    requests,
    shape: (r, reply) => {
      const format =
        INBOUND_ROUTES.find(([method, path]) => `${method} ${path}` === r.target)?.[2] ?? 'problem';
      // A URL that matches no route is nobody's format (Beacon's 404 problem); a request line too
      // long to read is refused before its path is known: either shape will do for those.
      return [404, 414, 431].includes(reply.status) ? [format, 'problem'] : format;
    },
  };
}

/** One fuzz target per inbound route group, each with its format's error shape. */
export function ingestTargets(keys: Keys, beaconEvents: ApiOperation): FuzzTarget[] {
  return [
    ...alertmanagerTargets(keys),
    ...pagerDutyTargets(keys),
    ...opsgenieTargets(keys),
    emailTarget(keys),
    beaconEventsTarget(keys, beaconEvents),
    brokenUrlTarget(keys),
  ];
}
