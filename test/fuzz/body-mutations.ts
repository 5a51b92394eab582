import fc from 'fast-check';
import { DeepNesting } from './json-text.js';
import { deepNesting, hostileKey, hostileString, hugeString, wrongTypeValue } from './hostile-values.js';

/** One change to a valid-ish body: a field dropped, replaced or added somewhere inside it. */
export type Mutation =
  | { kind: 'drop'; pick: number }
  | { kind: 'replace'; pick: number; value: unknown }
  | { kind: 'add'; pick: number; key: string; value: unknown };

/** A value to put where a field was: wrong types, hostile text, huge text, deep nesting. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: wrongTypeValue },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: deepNesting },
);

/** One to three mutations. */
export const mutations: fc.Arbitrary<Mutation[]> = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: hostileValue }),
    fc.record({ kind: fc.constant('add' as const), pick: fc.nat(), key: hostileKey, value: hostileValue }),
  ),
  { minLength: 1, maxLength: 3 },
);

type Container = Record<string, unknown> | unknown[];

const isContainer = (value: unknown): value is Container =>
  typeof value === 'object' && value !== null && !(value instanceof DeepNesting);

/** A deep copy that keeps `DeepNesting` markers (structuredClone would drop their class). */
function copyOf(value: unknown): unknown {
  if (!isContainer(value)) return value;
  if (Array.isArray(value)) return value.map(copyOf);
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) setOwn(copy, key, copyOf(child));
  return copy;
}

/** Set an own property, even one named `__proto__`. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Every (container, key) inside `value`, outermost first, down to four levels. */
function slotsOf(value: unknown, depth = 0): [Container, string | number][] {
  if (!isContainer(value) || depth > 4) return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((key) => [
    [value, key] as [Container, string | number],
    ...slotsOf((value as Record<string | number, unknown>)[key], depth + 1),
  ]);
}

/** Every container inside `value` (itself included). */
function containersOf(value: unknown, depth = 0): Container[] {
  if (!isContainer(value) || depth > 4) return [];
  return [value, ...Object.values(value).flatMap((child) => containersOf(child, depth + 1))];
}

/** A copy of `body` with the mutations applied; a body that is not an object or array is replaced. */
export function applyMutations(body: unknown, list: Mutation[]): unknown {
  let result: unknown = copyOf(body);
  for (const mutation of list) {
    if (!isContainer(result)) {
      result = mutation.kind === 'drop' ? undefined : copyOf(mutation.value);
      continue;
    }
    if (mutation.kind === 'add') {
      const containers = containersOf(result);
      const target = containers[mutation.pick % containers.length];
      if (Array.isArray(target)) target.push(copyOf(mutation.value));
      else if (target) setOwn(target, mutation.key, copyOf(mutation.value));
      continue;
    }
    const slots = slotsOf(result);
    const slot = slots[mutation.pick % Math.max(slots.length, 1)];
    if (!slot) {
      result = mutation.kind === 'drop' ? {} : copyOf(mutation.value);
      continue;
    }
    const [container, key] = slot;
    if (mutation.kind === 'drop') {
      if (Array.isArray(container)) container.splice(Number(key), 1);
      else Reflect.deleteProperty(container, key);
    } else {
      if (Array.isArray(container)) container[Number(key)] = copyOf(mutation.value);
      else setOwn(container, String(key), copyOf(mutation.value));
    }
  }
  return result;
}
