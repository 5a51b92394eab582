// Text the databases cannot store alike: PostgreSQL refuses NUL in text, SQLite keeps it (and
// lone UTF-16 surrogates) as bytes that are not valid UTF-8. Other C0 controls are never
// meaningful in a name, title or note. Tab, newline and carriage return are allowed.
const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** Why `text` cannot be stored (a control character or a lone surrogate), or undefined when it can. */
export function invalidTextReason(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x20 && unit !== TAB && unit !== LINE_FEED && unit !== CARRIAGE_RETURN)
      return `must not contain the control character ${codePointName(unit)}`;
    if (isHighSurrogate(unit) && isLowSurrogate(text.charCodeAt(i + 1))) i++;
    else if (isHighSurrogate(unit) || isLowSurrogate(unit))
      return `must not contain the unpaired UTF-16 surrogate ${codePointName(unit)}`;
  }
  return undefined;
}

/** A place in a parsed request (body, query or params) holding text that cannot be stored. */
export interface InvalidTextAt {
  /** Dot-separated path of the field, e.g. `title` or `steps.0.name`; '' for the value itself. */
  path: string;
  message: string;
}

/** Every string (and object key) inside `value` that cannot be stored, with its path. */
export function findInvalidText(value: unknown, path = ''): InvalidTextAt[] {
  if (typeof value === 'string') {
    const message = invalidTextReason(value);
    return message ? [{ path, message }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => findInvalidText(item, join(path, index)));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const keyReason = invalidTextReason(key);
    // A bad key is reported on its object: echoing the key itself would repeat the bad text.
    if (keyReason) return [{ path, message: `has a key that ${keyReason}` }];
    return findInvalidText(item, join(path, key));
  });
}

function join(path: string, key: string | number): string {
  return path === '' ? String(key) : `${path}.${String(key)}`;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

function codePointName(unit: number): string {
  return `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;
}
