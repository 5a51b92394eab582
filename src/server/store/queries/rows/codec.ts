import type { z } from 'zod';

// Every migration stores a JSON value as text and a flag as an integer 0/1, on SQLite and
// PostgreSQL alike, so one codec serves both dialects. A column stored natively (jsonb,
// boolean) on one of them would put its codec behind StoreDialect instead.

/** How one column goes from its domain value to what is stored, and back. */
export interface ColumnCodec<Stored, Value> {
  encode(value: Value): Stored;
  decode(stored: Stored): Value;
}

/** A JSON column holding a `T`. */
export function json<T>(): ColumnCodec<string, T> {
  return { encode: (value) => JSON.stringify(value), decode: (stored) => JSON.parse(stored) as T };
}

/** A nullable JSON column holding a `T`; null stays null. */
export function nullableJson<T>(): ColumnCodec<string | null, T | null> {
  return {
    encode: (value) => (value === null ? null : JSON.stringify(value)),
    decode: (stored) => (stored === null ? null : (JSON.parse(stored) as T)),
  };
}

/** A JSON column checked (and its defaults filled in) by a schema when it is read. */
export function schemaJson<S extends z.ZodType>(schema: S): ColumnCodec<string, z.output<S>> {
  return { encode: (value) => JSON.stringify(value), decode: (stored) => schema.parse(JSON.parse(stored)) };
}

/** A boolean stored as 0 or 1. */
export const flag: ColumnCodec<number, boolean> = {
  encode: (value) => (value ? 1 : 0),
  decode: (stored) => stored === 1,
};

type Codecs = Record<string, { encode(value: never): unknown; decode(stored: never): unknown }>;
type ValueOf<C> = C extends { decode(stored: never): infer V } ? V : never;

/** `T` with each column that has a codec in `C` holding its domain value (optional stays optional). */
export type Decoded<T, C> = { [K in keyof T]: K extends keyof C ? ValueOf<C[K]> : T[K] };

/** `T` (a row, or what an insert or update writes) as the row mapper `M` decodes and encodes it. */
export type MappedBy<M, T> = M extends { readonly codecs: infer C } ? Decoded<T, C> : never;

/** The row mapper of one table: decodes rows (whole or some columns) and encodes values to write. */
export interface RowMapper<C> {
  /** The coded columns. */
  readonly codecs: C;
  /** A row as read, with its coded columns decoded; other columns (joined names…) pass through. */
  decode: <R extends object>(row: R) => Decoded<R, C>;
  /** Domain values to write (`T`: the insert or update shape), with the coded columns encoded. */
  encode: <T extends object>(values: Decoded<T, C>) => T;
}

/** The row mapper of a table whose coded columns are `codecs`. */
export function rowMapper<C extends Codecs>(codecs: C): RowMapper<C> {
  const convert = (values: object, way: 'encode' | 'decode'): object => {
    const out: Record<string, unknown> = { ...values };
    for (const [column, codec] of Object.entries(codecs)) {
      // Absent or undefined (an update that leaves the column alone) stays so.
      if (out[column] !== undefined) out[column] = (codec[way] as (value: unknown) => unknown)(out[column]);
    }
    return out;
  };
  return {
    codecs,
    decode: <R extends object>(row: R) => convert(row, 'decode') as Decoded<R, C>,
    encode: <T extends object>(values: Decoded<T, C>) => convert(values, 'encode') as T,
  };
}
