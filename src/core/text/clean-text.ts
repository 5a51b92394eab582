// C0 control characters other than tab, line feed and carriage return, and UTF-16 surrogates
// without their other half: text PostgreSQL refuses (NUL) or that no reader expects.
/* eslint-disable no-control-regex -- matching control characters is the point */
const UNSAFE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]+/g;
/* eslint-enable no-control-regex */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Whether a string holds no C0 control character (tab, LF and CR aside) and no lone surrogate. */
export function isCleanText(text: string): boolean {
  return !UNSAFE.test(text);
}

/** The string without C0 control characters (tab, LF and CR kept), lone surrogates as U+FFFD. */
export function cleanText(text: string): string {
  if (isCleanText(text)) return text;
  return text.replace(CONTROL, '').replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * Where the first unclean string of a JSON value is (a key or a value), as a dotted path
 * such as `labels.team` or `links[2].href` ('' for the value itself); null when all is clean.
 * Iterative: any depth is safe.
 */
export function findUncleanText(value: unknown): string | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value: current, path } = next;
    if (typeof current === 'string') {
      if (!isCleanText(current)) return path;
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], path: `${path}[${i}]` });
    } else if (typeof current === 'object' && current !== null) {
      const entries = Object.entries(current);
      for (const [key, item] of entries) {
        const itemPath = path === '' ? key : `${path}.${key}`;
        if (!isCleanText(key)) return itemPath;
        stack.push({ value: item, path: itemPath });
      }
    }
  }
  return null;
}

/**
 * A copy of a JSON value with every string and object key passed through `cleanText`
 * (the value itself when it is already clean). Keys that become equal keep the later value.
 * Iterative: any depth is safe.
 */
export function cleanJson<T>(value: T): T {
  if (findUncleanText(value) === null) return value;
  const root: { value: unknown } = { value: undefined };
  const stack: { source: unknown; assign: (copy: unknown) => void }[] = [
    { source: value, assign: (copy) => (root.value = copy) },
  ];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { source, assign } = next;
    if (typeof source === 'string') assign(cleanText(source));
    else if (Array.isArray(source)) {
      const copy: unknown[] = new Array<unknown>(source.length);
      assign(copy);
      source.forEach((item, i) => stack.push({ source: item, assign: (c) => (copy[i] = c) }));
    } else if (typeof source === 'object' && source !== null) {
      const copy: Record<string, unknown> = {};
      assign(copy);
      for (const [key, item] of Object.entries(source)) {
        // defineProperty: a "__proto__" key stays a plain key, as JSON.parse made it.
        const define = (c: unknown) =>
          Object.defineProperty(copy, cleanText(key), {
            value: c,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        define(undefined);
        stack.push({ source: item, assign: define });
      }
    } else assign(source);
  }
  return root.value as T;
}
