import fc from 'fast-check';
import { DeepNesting } from './json-text.js';

// The hostile inputs every generator mixes into its valid-ish requests.

/** A long run of one character, built lazily so the arbitrary stays cheap to print. */
const repeated = (text: string, times: number) => fc.constant(text.repeat(times));

/** Text a careless handler chokes on: NUL, lone surrogates, control and invisible characters, markup, SQL. */
export const hostileShortString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'before\u0000after',
    '\ud800',
    'lone low \udc00 surrogate',
    '\udbff\udfff\ud800',
    '\u0007\u001b[31m\r\n\t\u007f',
    '\u200b\u200e\u202e\ufeff\u2028\u2029',
    'e\u0301\u0301\u0301\u0301',
    '😀👩‍👩‍👧‍👦🏳️‍🌈',
    'Ωμέγα 漢字 עברית العربية',
    '１２３',
    '١٢٣',
    "' OR 1=1 --",
    '"; DROP TABLE incidents; --',
    '<script>alert(1)</script>',
    '{{7*7}}${7*7}',
    '%00%ff%',
    '../../../../etc/passwd',
    '\\u0000',
    'null',
    'true',
    '-1',
    '1e309',
    '__proto__',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udc00', 'a', '\u{1f600}', '\n'), maxLength: 20 }),
);

/** Long runs of one character: NUL, two-byte, four-byte. */
const longRuns: fc.Arbitrary<string> = fc.oneof(
  repeated('x', 5_000),
  repeated('é', 70_000),
  repeated('\u0000', 1_000),
  repeated('😀', 30_000),
);

/** Hostile text of any length. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: hostileShortString },
  { weight: 1, arbitrary: longRuns },
);

/** A string too big for any field; sometimes too big for the whole body (over 512 KB). */
export const hugeString: fc.Arbitrary<string> = fc.oneof(repeated('A', 100_000), repeated('B', 600 * 1024));

/** JSON nested far deeper than any schema: arrays or objects, 100 to 20,000 levels. */
export const deepNesting: fc.Arbitrary<DeepNesting> = fc
  .tuple(fc.constantFrom(100, 2_000, 20_000), fc.boolean())
  .map(([depth, isArray]) => new DeepNesting(depth, isArray));

/** Any JSON value of the wrong kind: numbers at the edges, booleans, null, arrays, objects. */
export const wrongTypeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -0,
    -1,
    1.5,
    2 ** 31,
    2 ** 53 + 2,
    -(2 ** 63),
    1e308,
    Number.MIN_VALUE,
    [],
    {},
    [null],
    { '': null },
  ),
  hostileString,
  fc.jsonValue({ maxDepth: 3 }),
);

/** Object keys that have meaning in JavaScript or nowhere. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    '',
    ' ',
    '\u0000',
    '\ud800',
    'toString',
    'hasOwnProperty',
  ),
  fc.string({ maxLength: 12 }),
);

/** Path segments in place of a numeric id or incident ref (before percent-encoding). */
export const hostileId: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    ' 1',
    '1 ',
    '\t1',
    '0x10',
    '0b1',
    '0o7',
    '1e3',
    '1.0',
    '1.5',
    '+1',
    '-1',
    '0',
    '00',
    '01',
    'NaN',
    'Infinity',
    'null',
    'undefined',
    '9007199254740993',
    '99999999999999999999999',
    '１',
    '١',
    'INC-0',
    'INC- 1',
    'INC-1e1',
    'INC-0x1',
    'inc-1',
    'INC-1.0',
    '\u0000',
    '1\u0000',
    '😀',
    '..',
    '.',
    '%',
    'a/b',
    '?',
    '#',
  ),
  fc.integer({ min: 1, max: 60 }).map((n) => '9'.repeat(n)),
  fc.string({ minLength: 1, maxLength: 8 }),
);

/** Percent-encoded forms that are themselves broken: truncated escapes, overlong or bad UTF-8. */
export const malformedEncoding: fc.Arbitrary<string> = fc.constantFrom(
  '%',
  '%2',
  '%zz',
  '%E0%A4%A',
  '%C0%AF',
  '%ED%A0%80',
  '%FF',
  '%F4%90%80%80',
  '%00',
  '1%',
  '%%31',
);

/** One raw byte sequence a JSON body could be instead: truncated, wrongly encoded, not JSON at all. */
export const brokenJsonBody: fc.Arbitrary<Buffer> = fc.oneof(
  fc
    .constantFrom(
      '',
      ' ',
      '{',
      '{"a":',
      '[',
      'null',
      'true',
      '0',
      '"text"',
      '{"a":1,"a":2}',
      '{"__proto__":{"isAdmin":true}}',
      '{"constructor":{"prototype":{"x":1}}}',
      '1e999',
      '{"a":NaN}',
      "{'a':1}",
      'title=x&summary=y',
      '\ufeff{}',
    )
    .map((text) => Buffer.from(text, 'utf8')),
  fc.constantFrom(
    Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
    Buffer.from('{"title":"\xff\xfe\xc0\xaf"}', 'latin1'),
    Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
    Buffer.from([0x00, 0x00, 0x00, 0x00]),
  ),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
);

/** Content types a JSON route may be sent, mostly wrong ones. */
export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      undefined,
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'APPLICATION/JSON',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/problem+json',
      'application/json;;',
      '*/*',
      '',
    ),
  },
);
