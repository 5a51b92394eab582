import fc from 'fast-check';
import { type Mutation, applyMutations, mutations } from './body-mutations.js';
import { type Body, FuzzRequest, callers, encodeSegment } from './fuzz-request.js';
import { brokenJsonBody, contentType, hostileId, hostileShortString } from './hostile-values.js';
import { type JsonSchema, arbitraryOf } from './schema-arbitrary.js';
import { urlFlaw, withFlaw } from './url-flaws.js';

/** One operation of the OpenAPI document, as the fuzz suite drives it. */
export interface ApiOperation {
  /** `METHOD /path/{param}`, as the document writes it. */
  name: string;
  method: string;
  template: string;
  pathParams: { name: string; schema: JsonSchema }[];
  queryParams: { name: string; schema: JsonSchema }[];
  body?: JsonSchema;
}

interface OpenApiParameter {
  name: string;
  in: string;
  schema?: JsonSchema;
}

/** The part of the served OpenAPI document the suite reads. */
export interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: OpenApiParameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }
    >
  >;
}

/** Every operation of the document. */
export function operationsOf(doc: OpenApiDocument): ApiOperation[] {
  return Object.entries(doc.paths).flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const params = op.parameters ?? [];
      const of = (where: string) =>
        params.filter((p) => p.in === where).map((p) => ({ name: p.name, schema: p.schema ?? {} }));
      const body = op.requestBody?.content?.['application/json']?.schema;
      return {
        name: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        template,
        pathParams: of('path'),
        queryParams: of('query'),
        ...(body ? { body } : {}),
      };
    }),
  );
}

/** A path parameter: an id that may exist, an incident ref, or something that only looks like one. */
function pathValue(name: string, schema: JsonSchema): fc.Arbitrary<{ raw: string; encoded: string }> {
  const plausible =
    name === 'ref'
      ? fc.oneof(
          fc.integer({ min: 1, max: 12 }).map(String),
          fc.integer({ min: 1, max: 12 }).map((n) => `INC-${n}`),
        )
      : schema.type === 'integer' || schema.type === undefined
        ? fc.integer({ min: 1, max: 12 }).map(String)
        : arbitraryOf(schema).map(String);
  return fc
    .oneof({ weight: 2, arbitrary: plausible }, { weight: 1, arbitrary: hostileId })
    .map((raw) => ({ raw, encoded: encodeSegment(raw) }));
}

/** A generated value as query text: lists comma-separated, objects as JSON. */
function queryText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(queryText).join(',');
  return JSON.stringify(value) ?? 'null';
}

/** A query value: fitting its schema, or hostile text. */
function queryValue(schema: JsonSchema): fc.Arbitrary<string> {
  const fitting = arbitraryOf(schema).map((v) => encodeSegment(queryText(v)));
  return fc.oneof(
    { weight: 5, arbitrary: fitting },
    { weight: 2, arbitrary: fc.oneof(hostileShortString, hostileId).map(encodeSegment) },
  );
}

/** The query string: some declared parameters (some repeated), sometimes an unknown one. */
function queryOf(op: ApiOperation): fc.Arbitrary<string> {
  const declared = op.queryParams.map(({ name, schema }) =>
    fc.option(
      fc
        .array(queryValue(schema), { minLength: 1, maxLength: 2 })
        .map((values) => values.map((v) => `${name}=${v}`)),
      { freq: 2 },
    ),
  );
  const unknown = fc.option(
    fc.tuple(hostileShortString, queryValue({})).map(([k, v]) => [`${encodeSegment(k)}=${v}`]),
    { freq: 6 },
  );
  return fc.tuple(...declared, unknown).map((parts) => {
    const pairs = parts.flatMap((p) => p ?? []);
    return pairs.length > 0 ? `?${pairs.join('&')}` : '';
  });
}

/** The body: valid-ish from the schema, mutated, replaced by broken bytes, or absent. */
function bodyOf(op: ApiOperation): fc.Arbitrary<Body> {
  const raw = brokenJsonBody.map((bytes): Body => ({ kind: 'raw', bytes }));
  if (!op.body) {
    return fc.oneof(
      { weight: 8, arbitrary: fc.constant<Body>({ kind: 'none' }) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value): Body => ({ kind: 'json', value })) },
      { weight: 1, arbitrary: raw },
    );
  }
  const valid = arbitraryOf(op.body);
  const mutated = fc.tuple(valid, mutations).map(([value, list]: [unknown, Mutation[]]): Body => {
    const result = applyMutations(value, list);
    return result === undefined ? { kind: 'none' } : { kind: 'json', value: result };
  });
  return fc.oneof(
    { weight: 5, arbitrary: valid.map((value): Body => ({ kind: 'json', value })) },
    { weight: 5, arbitrary: mutated },
    { weight: 1, arbitrary: raw },
  );
}

/** Fill the path parameters of `op` in order; their raw values by name. */
function fillPath(op: ApiOperation, values: readonly { raw: string; encoded: string }[]) {
  let path = op.template;
  const raw: Record<string, string> = {};
  op.pathParams.forEach((p, i) => {
    const value = values[i];
    if (!value) return;
    raw[p.name] = value.raw;
    path = path.replace(`{${p.name}}`, value.encoded);
  });
  return { path, raw };
}

/** Requests for one operation: every part generated from the document, hostile in places. */
export function apiRequests(op: ApiOperation): fc.Arbitrary<FuzzRequest> {
  const params = fc.tuple(...op.pathParams.map((p) => pathValue(p.name, p.schema)));
  return fc
    .record({ params, query: queryOf(op), body: bodyOf(op), caller: callers, type: contentType })
    .map(({ params, query, body, caller, type }) => {
      const { path, raw: pathValues } = fillPath(op, params);
      const headers: Record<string, string> =
        body.kind !== 'none' && type !== undefined ? { 'content-type': type } : {};
      return new FuzzRequest(op.name, op.method, path + query, caller, body, headers, pathValues);
    });
}

/** Requests to any operation with one thing wrong in the URL itself. */
export function malformedUrlRequests(ops: ApiOperation[]): fc.Arbitrary<FuzzRequest> {
  return fc
    .constantFrom(...ops)
    .chain((op) =>
      fc.record({
        op: fc.constant(op),
        params: fc.tuple(...op.pathParams.map((p) => pathValue(p.name, p.schema))),
        flaw: urlFlaw,
        pick: fc.nat(),
        body: bodyOf(op),
        caller: callers,
      }),
    )
    .map(({ op, params, flaw, pick, body, caller }) => {
      const values = [...params];
      if (flaw.segment !== undefined && values.length > 0)
        values[pick % values.length] = { raw: flaw.segment, encoded: flaw.segment };
      const filled = fillPath(op, values);
      const path = withFlaw(values.length > 0 ? { ...flaw, segment: undefined } : flaw, filled.path);
      return new FuzzRequest(op.name, op.method, path, caller, body, {}, filled.raw);
    });
}

/** Well-formed requests an admin would send: plausible ids, a body valid by the schema, no query. */
export function plainApiRequests(op: ApiOperation): fc.Arbitrary<FuzzRequest> {
  const ids = fc.tuple(
    ...op.pathParams.map((p) =>
      fc.integer({ min: 1, max: 6 }).map((n) => (p.name === 'ref' ? `INC-${n}` : String(n))),
    ),
  );
  const body = op.body
    ? arbitraryOf(op.body).map((value): Body => ({ kind: 'json', value }))
    : fc.constant<Body>({ kind: 'none' });
  return fc.tuple(ids, body).map(([values, b]) => {
    const { path, raw } = fillPath(
      op,
      values.map((v) => ({ raw: v, encoded: v })),
    );
    return new FuzzRequest(op.name, op.method, path, 'admin', b, {}, raw);
  });
}
