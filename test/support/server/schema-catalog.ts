import pg from 'pg';

/**
 * What PostgreSQL holds about one schema, its own name replaced by `<schema>` so two schemas
 * compare: relations, columns (type, default or generation, nullability, identity, collation),
 * constraints, indexes, triggers, functions, sequences, and a digest of each table's rows.
 */
export type SchemaCatalog = Record<string, string[]>;

const QUERIES: Record<string, string> = {
  relations: `SELECT c.relname || ' ' || c.relkind::text || ' ' || c.relpersistence::text
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1`,
  // Positions among the columns not dropped: a migration that drops a column leaves a gap.
  columns: `SELECT c.relname || '.' || a.attname || ' #' || row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum)
      || ' ' || format_type(a.atttypid, a.atttypmod) || ' notnull=' || a.attnotnull
      || ' generated=' || a.attgenerated::text || ' identity=' || a.attidentity::text
      || ' collation=' || coalesce(co.collname, '-') || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-')
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 0
    WHERE n.nspname = $1 AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v')`,
  constraints: `SELECT c.relname || ' ' || k.conname || ' ' || k.contype::text || ' ' || pg_get_constraintdef(k.oid)
      || ' deferrable=' || k.condeferrable || ' validated=' || k.convalidated
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = k.connamespace
    WHERE n.nspname = $1`,
  indexes: `SELECT indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = $1`,
  triggers: `SELECT t.tgname || ' ' || pg_get_triggerdef(t.oid) || ' enabled=' || t.tgenabled::text
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = $1 AND NOT t.tgisinternal`,
  functions: `SELECT p.proname || ' ' || pg_get_functiondef(p.oid)
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1`,
  sequences: `SELECT s.sequencename || ' ' || s.data_type || ' ' || s.start_value || ' ' || s.increment_by
      || ' ' || s.min_value || ' ' || s.max_value || ' cycle=' || s.cycle || ' cache=' || s.cache_size
      || ' last=' || coalesce(s.last_value::text, '-')
      || ' owner=' || coalesce((SELECT c.relname || '.' || a.attname FROM pg_depend d
        JOIN pg_class c ON c.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
        WHERE d.objid = (quote_ident(s.schemaname) || '.' || quote_ident(s.sequencename))::regclass
          AND d.classid = 'pg_class'::regclass AND d.deptype = 'a'), '-')
    FROM pg_sequences s WHERE s.schemaname = $1`,
};

/** Read the catalog of `schema` (on a connection of its own, so every name comes qualified). */
export async function readSchemaCatalog(url: string, schema: string): Promise<SchemaCatalog> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const catalog: SchemaCatalog = {};
    for (const [part, text] of Object.entries(QUERIES)) {
      const { rows } = await client.query<[string]>({ text, values: [schema], rowMode: 'array' });
      catalog[part] = rows.map(([line]) => unqualified(line, schema)).sort();
    }
    catalog.rows = await rowDigests(client, schema);
    return catalog;
  } finally {
    await client.end();
  }
}

/** Each table's rows as a digest; Kysely's record of when each migration ran is left out. */
async function rowDigests(client: pg.Client, schema: string): Promise<string[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = $1 ORDER BY tablename`,
    [schema],
  );
  const parts = tables.map(({ name }) => {
    const row = name === 'kysely_migration' ? 'r.name' : 'r::text';
    return `SELECT '${name}' || ' ' || count(*) || ' ' || md5(coalesce(string_agg(${row}, ',' ORDER BY ${row}), ''))
      FROM ${schema}.${name} r`;
  });
  const { rows } = await client.query<[string]>({ text: parts.join(' UNION ALL '), rowMode: 'array' });
  return rows.map(([line]) => line).sort();
}

function unqualified(text: string, schema: string): string {
  return text.split(schema).join('<schema>');
}
