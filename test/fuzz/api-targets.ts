import {
  type ApiOperation,
  type OpenApiDocument,
  apiRequests,
  malformedUrlRequests,
  operationsOf,
  plainApiRequests,
} from './api-requests.js';
import type { FuzzTarget } from './fuzz-checker.js';
import { FuzzRequest } from './fuzz-request.js';
import type { ProtectedIds } from './fuzz-server.js';
import type { RawReply } from './raw-http.js';

/** Writes that would take the suite's own users, tokens, services or keys away, by the path they use. */
const GUARDED: [RegExp, keyof ProtectedIds][] = [
  [/^(?!GET)\S+ \/api\/v1\/users\/\{id\}/, 'users'],
  [/^(?!GET)\S+ \/api\/v1\/tokens\/\{id\}/, 'tokens'],
  [/^(?!GET)\S+ \/api\/v1\/services\/\{id\}$/, 'services'],
  [/^(?!GET)\S+ \/api\/v1\/integrations\/\{id\}/, 'integrations'],
];

/** Whether a request could reach one of the protected resources (any number in its id counts). */
function touchesProtected(request: FuzzRequest, ids: ProtectedIds): boolean {
  const guard = GUARDED.find(([pattern]) => pattern.test(request.target));
  if (!guard) return false;
  const id = request.pathValues.id ?? '';
  const numbers = [Number(id), ...(id.match(/\d+/g) ?? []).map(Number)];
  return numbers.some((n) => ids[guard[1]].has(n));
}

/**
 * Path parameters that hold a number (an id, or an incident ref: `INC-12` or `12`): typed as
 * integers, or as strings whose pattern is made of digits (`^[1-9][0-9]{0,9}$`).
 */
function isNumericParam(op: ApiOperation, name: string): boolean {
  const schema = op.pathParams.find((p) => p.name === name)?.schema;
  const isDigitPattern = schema?.type === 'string' && /^\^\[1-9\]\[0-9\]/.test(schema.pattern ?? '');
  return name === 'ref' || schema?.type === 'integer' || isDigitPattern;
}

/** A numeric path parameter written some other way than digits (` 1`, `0x10`, `1e3`, `+1`): never a valid id. */
function isMalformedNumber(name: string, raw: string): boolean {
  return !(name === 'ref' ? /^(INC-)?\d+$/i : /^\d+$/).test(raw);
}

/** Operations that reach another tool's API from the server with the body's `apiUrl`. */
const READS_A_SOURCE = new Set(['POST /api/v1/imports/read']);

/**
 * A request that would make the server reach out keeps its body, but any URL it names (or the
 * source's default) is a closed loopback port: the fuzz suite sends nothing off this machine.
 */
function keptOnLoopback(request: FuzzRequest): FuzzRequest {
  const { body } = request;
  if (!READS_A_SOURCE.has(request.target) || body.kind !== 'json') return request;
  const value = body.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return request;
  const apiUrl = (value as Record<string, unknown>).apiUrl;
  if (apiUrl !== undefined && typeof apiUrl !== 'string') return request;
  const kept = { kind: 'json' as const, value: { ...value, apiUrl: 'http://127.0.0.1:9' } };
  return new FuzzRequest(
    request.target,
    request.method,
    request.path,
    request.caller,
    kept,
    request.headers,
    request.pathValues,
  );
}

/** A malformed id that is answered with 2xx was taken for some other id. */
function malformedIdFaults(op: ApiOperation) {
  return (request: FuzzRequest, reply: RawReply): string[] => {
    if (reply.status >= 300) return [];
    return Object.entries(request.pathValues)
      .filter(([name, raw]) => isNumericParam(op, name) && isMalformedNumber(name, raw))
      .map(([name, raw]) => `accepted ${JSON.stringify(raw)} as the ${name}`);
  };
}

/**
 * One fuzz target per operation of the OpenAPI document, with problem+json errors, and one
 * for broken URLs of any operation (kept apart so a URL-level defect does not hide the others).
 */
export function apiTargets(doc: OpenApiDocument, protectedIds: ProtectedIds): FuzzTarget[] {
  const ops = operationsOf(doc);
  const isAllowed = (request: FuzzRequest) => !touchesProtected(request, protectedIds);
  return [
    ...ops.map((op) => ({
      name: op.name,
      requests: apiRequests(op).filter(isAllowed).map(keptOnLoopback),
      plainRequests: plainApiRequests(op).filter(isAllowed).map(keptOnLoopback),
      shape: 'problem' as const,
      faultsOf: malformedIdFaults(op),
    })),
    {
      name: 'broken URLs of every operation (bad escapes, overlong ids and queries, raw bytes)',
      requests: malformedUrlRequests(ops).filter(isAllowed),
      shape: 'problem',
    },
  ];
}
