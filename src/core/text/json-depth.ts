/** How deep JSON may nest in anything Beacon takes in: objects and arrays inside each other. */
export const MAX_JSON_DEPTH = 64;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Measures the nesting of JSON text as it arrives, without parsing it: one pass over the
 * characters, any chunking. Bytes can be fed as Latin-1 text: JSON's structural characters
 * are ASCII, and no byte of a multi-byte UTF-8 sequence is.
 */
export class JsonDepthScanner {
  private depth = 0;
  private isInString = false;
  private isEscaped = false;
  /** The deepest nesting seen so far (1 for `{}` or `[]`). */
  maxDepth = 0;

  /** Read the next piece of the text; returns `maxDepth` so far. */
  feed(text: string): number {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.isInString) {
        if (this.isEscaped) this.isEscaped = false;
        else if (c === BACKSLASH) this.isEscaped = true;
        else if (c === QUOTE) this.isInString = false;
      } else if (c === QUOTE) this.isInString = true;
      else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        this.depth++;
        if (this.depth > this.maxDepth) this.maxDepth = this.depth;
      } else if ((c === CLOSE_OBJECT || c === CLOSE_ARRAY) && this.depth > 0) this.depth--;
    }
    return this.maxDepth;
  }
}

/** Whether JSON text nests objects and arrays deeper than `max` (read without parsing). */
export function isJsonTextDeeperThan(text: string, max = MAX_JSON_DEPTH): boolean {
  return new JsonDepthScanner().feed(text) > max;
}

/** Whether a JSON value nests objects and arrays deeper than `max`. Iterative: any depth is safe. */
export function isJsonDeeperThan(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > max) return true;
    for (const item of Object.values(next.value)) stack.push({ value: item, depth });
  }
  return false;
}
