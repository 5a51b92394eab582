import fc from 'fast-check';
import { describeValue } from './json-text.js';

/** Who sends a request: a user of each role by API token, a browser session, or a stranger. */
export type Caller =
  | 'admin'
  | 'responder'
  | 'support'
  | 'viewer'
  | 'anonymous'
  | 'unknown-token'
  | 'malformed-authorization'
  | 'session'
  | 'session-without-csrf'
  /** An inbound request: its integration key (if any) is in the path, a header or the body. */
  | 'integration';

/** Callers, mostly ones allowed in (so requests get past access control and reach the handlers). */
export const callers: fc.Arbitrary<Caller> = fc.oneof(
  { weight: 5, arbitrary: fc.constant('admin' as const) },
  { weight: 2, arbitrary: fc.constant('responder' as const) },
  { weight: 1, arbitrary: fc.constant('support' as const) },
  { weight: 1, arbitrary: fc.constant('viewer' as const) },
  { weight: 1, arbitrary: fc.constant('session' as const) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'anonymous' as const,
      'unknown-token' as const,
      'malformed-authorization' as const,
      'session-without-csrf' as const,
    ),
  },
);

/** A request body: none, a generated JSON value, or raw bytes. */
export type Body = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; bytes: Buffer };

/** One generated request, before credentials are filled in; prints short in fast-check's reports. */
export class FuzzRequest {
  constructor(
    /** The operation or inbound route it exercises, e.g. `POST /api/v1/incidents/{ref}/notes`. */
    readonly target: string,
    readonly method: string,
    /** Path and query, percent-encoded (or deliberately mis-encoded). */
    readonly path: string,
    readonly caller: Caller,
    readonly body: Body,
    readonly headers: Record<string, string> = {},
    /** The path parameters as generated, before encoding. */
    readonly pathValues: Record<string, string> = {},
  ) {}

  [fc.toStringMethod](): string {
    const body =
      this.body.kind === 'none'
        ? ''
        : this.body.kind === 'json'
          ? ` body ${describeValue(this.body.value)}`
          : ` raw body ${describeValue(this.body.bytes.toString('latin1'))}`;
    const headers = Object.keys(this.headers).length > 0 ? ` headers ${JSON.stringify(this.headers)}` : '';
    return `${this.method} ${describeValue(this.path)} as ${this.caller}${headers}${body}`;
  }
}

/** Percent-encode one path segment or query value; lone surrogates become their WTF-8 bytes. */
export function encodeSegment(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else {
      out += encodeURIComponent(char);
    }
  }
  return out;
}
