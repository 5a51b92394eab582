import { type DatabaseIntrospector, type Kysely, type SchemaMetadata, type TableMetadata, sql } from 'kysely';

/**
 * What Kysely's migrator asks of the database: which tables exist. Kysely's own PostgreSQL
 * introspector reads every column of every schema and calls `pg_get_serial_sequence` on each,
 * which fails ("column … of relation … does not exist") when another process drops a column or
 * a schema while the query runs — e.g. a second Beacon migrating its own schema in the same
 * database. This one reads table names only, of the schemas on the search path.
 */
export class TableNamesIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<unknown>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const result = await sql<{ name: string }>`SELECT unnest(current_schemas(false)) AS name`.execute(
      this.db,
    );
    return result.rows;
  }

  async getTables(): Promise<TableMetadata[]> {
    const result = await sql<{ name: string; schema: string; is_view: boolean }>`
      SELECT c.relname AS name, n.nspname AS schema, c.relkind = 'v' AS is_view
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'v', 'p') AND n.nspname = ANY (current_schemas(false))
      ORDER BY n.nspname, c.relname`.execute(this.db);
    return result.rows.map((row) => ({
      name: row.name,
      schema: row.schema,
      isView: row.is_view,
      columns: [],
    }));
  }

  async getMetadata(): Promise<{ tables: TableMetadata[] }> {
    return { tables: await this.getTables() };
  }
}
