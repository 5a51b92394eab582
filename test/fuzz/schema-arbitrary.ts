import fc from 'fast-check';

/** The part of JSON Schema (draft 2020-12, as zod writes it into the OpenAPI document) the suite reads. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
}

const TIME_ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'];

/** Values that fit a property by its name better than random text does (zones, emails, URLs). */
function byName(name: string | undefined): fc.Arbitrary<unknown> | undefined {
  switch (name) {
    case 'timeZone':
      return fc.constantFrom(...TIME_ZONES);
    case 'email':
      return fc.emailAddress();
    case 'name':
    case 'title':
      // A small pool, so names repeat and the uniqueness rules are exercised.
      return fc.oneof(
        fc.constantFrom('Payments', 'Checkout', 'On-call', 'x'),
        fc.string({ minLength: 1, maxLength: 30 }),
      );
    case 'url':
    case 'href':
    case 'address':
      return fc.oneof(fc.webUrl(), fc.constantFrom('https://hooks.example.com/x', 'oncall@example.com'));
    case undefined:
    default:
      return undefined;
  }
}

/** Small integers are the interesting ones (existing ids, limits); the whole range sometimes. */
function integerIn(min: number, max: number): fc.Arbitrary<number> {
  const lo = Math.max(min, Number.MIN_SAFE_INTEGER);
  const hi = Math.min(max, Number.MAX_SAFE_INTEGER);
  if (hi < lo) return fc.constant(lo);
  const nearLo = Math.max(lo, -(2 ** 31));
  const near = fc.integer({ min: nearLo, max: Math.min(hi, nearLo + 20, 2 ** 31 - 1) });
  const whole = fc.maxSafeInteger().map((n) => Math.min(hi, Math.max(lo, n)));
  return fc.oneof({ weight: 4, arbitrary: near }, { weight: 1, arbitrary: whole }, fc.constantFrom(lo, hi));
}

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'date-time')
    return fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2040-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString());
  if (schema.format === 'uri') return fc.webUrl();
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 40, 40));
  if (schema.pattern) {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern))
        .filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity));
    } catch {
      // A pattern fast-check cannot generate from: plain text, which the server may refuse.
    }
  }
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength, maxLength }) },
    { weight: 1, arbitrary: fc.string({ minLength, maxLength, unit: 'grapheme' }) },
  );
}

function objectOf(schema: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, child] of Object.entries(properties)) model[name] = arbitraryOf(child, depth + 1, name);
  const known = fc.record(model, { requiredKeys: [...required].filter((k) => k in model) });
  const extra = schema.additionalProperties;
  if (typeof extra !== 'object' || Object.keys(properties).length > 0) return known;
  return fc
    .tuple(
      known,
      fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), arbitraryOf(extra, depth + 1), {
        maxKeys: 4,
      }),
    )
    .map(([a, b]) => ({ ...b, ...a }));
}

/** A valid-ish value of `schema`: what a well-behaved client would send, give or take a bound. */
export function arbitraryOf(schema: JsonSchema, depth = 0, name?: string): fc.Arbitrary<unknown> {
  const hinted = byName(name);
  if (hinted && (schema.type === 'string' || schema.anyOf)) return hinted;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => arbitraryOf(s, depth, name)));
  if (schema.allOf?.[0]) return arbitraryOf(schema.allOf[0], depth, name);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1)
    return fc.oneof(...types.map((type) => arbitraryOf({ ...schema, type }, depth, name)));
  switch (types[0]) {
    case 'string':
      return stringOf(schema);
    case 'integer':
      return integerIn(
        schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : (schema.minimum ?? -1000),
        schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : (schema.maximum ?? 1_000_000),
      );
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1e6,
        max: schema.maximum ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, depth > 2 ? 1 : 4));
      return fc.array(arbitraryOf(schema.items ?? {}, depth + 1), { minLength, maxLength });
    }
    case 'object':
      return objectOf(schema, depth);
    case undefined:
    default:
      return depth > 3 ? fc.constant('x') : fc.jsonValue({ maxDepth: 2 });
  }
}
