// JSON text of generated values, including nesting far deeper than JSON.stringify can walk.

/** `depth` levels of arrays or objects around a string, written without recursion. */
export class DeepNesting {
  constructor(
    readonly depth: number,
    readonly isArray: boolean,
  ) {}

  toJsonText(): string {
    const [open, close] = this.isArray ? ['[', ']'] : ['{"a":', '}'];
    return `${open.repeat(this.depth)}"bottom"${close.repeat(this.depth)}`;
  }
}

/** JSON text of `value`; lone surrogates and NUL come out as `\uXXXX` escapes, as JSON.stringify writes them. */
export function jsonText(value: unknown): string {
  if (value instanceof DeepNesting) return value.toJsonText();
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`);
    return `{${members.join(',')}}`;
  }
  // JSON has no -0, NaN or Infinity: JSON.stringify turns the last two into null.
  return JSON.stringify(value) ?? 'null';
}

/** A short readable form of a generated value: long strings and deep nesting summarised. */
export function describeValue(value: unknown, depth = 0): string {
  if (value instanceof DeepNesting) return `<${value.depth} levels of ${value.isArray ? '[…]' : '{"a":…}'}>`;
  if (typeof value === 'string') {
    if (value.length <= 80) return JSON.stringify(value);
    const first = value.codePointAt(0) ?? 0;
    const isRun = Array.from(value.slice(0, 200)).every((c) => c.codePointAt(0) === first);
    return isRun
      ? `${JSON.stringify(String.fromCodePoint(first))}.repeat(${Array.from(value).length})`
      : `${JSON.stringify(value.slice(0, 60))}…(${value.length} chars)`;
  }
  if (depth > 5) return '…';
  if (Array.isArray(value)) return `[${value.map((v) => describeValue(v, depth + 1)).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).map(
      ([k, v]) => `${JSON.stringify(k)}: ${describeValue(v, depth + 1)}`,
    );
    return `{${members.join(', ')}}`;
  }
  return Object.is(value, -0) ? '-0' : String(value);
}
