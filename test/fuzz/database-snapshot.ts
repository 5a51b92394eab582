import { createHash } from 'node:crypto';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { type DialectName, whileMigrating } from '../support/server/test-database.js';

/** Columns that change on purpose while a request is refused: a token's last use is recorded on every authenticated call. */
const VOLATILE: Record<string, string[]> = { api_tokens: ['last_used_at'] };

/** Kysely's own bookkeeping. */
const IGNORED = new Set(['kysely_migration', 'kysely_migration_lock']);

/** Per table, a hash of all its rows: compare two to see which tables a request changed. */
export type Snapshot = Map<string, string>;

interface Table {
  name: string;
  columns: string[];
}

/**
 * Takes snapshots of one database: every table's rows, hashed in an order-independent way.
 * On PostgreSQL the server hashes (one round trip for all tables, so a snapshot stays cheap
 * while the fuzz requests fill the database); SQLite is in-process and reads the rows.
 */
export class DatabaseSnapshots {
  private constructor(
    private readonly db: Kysely<unknown>,
    private readonly dialect: DialectName,
    private readonly tables: Table[],
  ) {}

  /** Find the tables of the database (of `schema` on PostgreSQL). */
  static async of(db: Kysely<unknown>, dialect: DialectName, schema?: string): Promise<DatabaseSnapshots> {
    // Kysely reads every schema's catalog; other suites' test schemas must not vanish meanwhile.
    const tables = (await whileMigrating(() => db.introspection.getTables()))
      .filter((t) => (schema === undefined || t.schema === schema) && !t.isView && !IGNORED.has(t.name))
      .map((t) => ({
        name: t.name,
        columns: t.columns.map((c) => c.name).filter((c) => !(VOLATILE[t.name] ?? []).includes(c)),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return new DatabaseSnapshots(db, dialect, tables);
  }

  /** Hash every table now. */
  take(): Promise<Snapshot> {
    return this.dialect === 'postgres' ? this.hashedByServer() : this.hashedHere();
  }

  private async hashedByServer(): Promise<Snapshot> {
    const parts: RawBuilder<unknown>[] = this.tables.map(({ name, columns }) => {
      const row = sql.join(columns.map((c) => sql.ref(c)));
      return sql`SELECT ${sql.lit(name)} AS t, md5(coalesce(string_agg(r, E'\\n' ORDER BY r), '')) AS h
        FROM (SELECT CAST(ROW(${row}) AS TEXT) AS r FROM ${sql.table(name)}) rows`;
    });
    const { rows } = await sql<{ t: string; h: string }>`${sql.join(parts, sql` UNION ALL `)}`.execute(
      this.db,
    );
    return new Map(rows.map((r) => [r.t, r.h]));
  }

  private async hashedHere(): Promise<Snapshot> {
    const hashes = await Promise.all(
      this.tables.map(async ({ name, columns }) => {
        const { rows } = await sql<Record<string, unknown>>`SELECT ${sql.join(columns.map((c) => sql.ref(c)))}
          FROM ${sql.table(name)}`.execute(this.db);
        const lines = rows.map((row) => JSON.stringify(row)).sort();
        return [name, createHash('sha1').update(lines.join('\n')).digest('hex')] as const;
      }),
    );
    return new Map(hashes);
  }
}

/** The tables whose rows differ between two snapshots. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  return [...after.keys()].filter((table) => before.get(table) !== after.get(table));
}
