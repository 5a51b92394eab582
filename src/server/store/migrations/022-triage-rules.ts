import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../dialects/dialect.js';
import type { Database } from '../schema.js';

/**
 * Triage rules: ordered rule sets (global or for one service) whose rules are JSON, each save
 * kept as a version; and, on an alert a rule suppressed, which rule it was.
 */
export async function up(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const schema = db.schema;
  await schema
    .createTable('triage_rule_sets')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('service_id', 'integer', (c) => c.references('services.id').onDelete('cascade'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('is_enabled', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    // Rule ids are never reused within a set, so a timeline's rule id keeps meaning one rule.
    .addColumn('next_rule_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('triage_rule_sets_mode_check', sql`mode IN ('first_match', 'all_match')`)
    .execute();
  await schema
    .createIndex('triage_rule_sets_position_idx')
    .on('triage_rule_sets')
    .column('position')
    .execute();
  // No foreign key to the set: its history outlives it, as the audit log does.
  await schema
    .createTable('triage_rule_set_versions')
    .addColumn('id', dialect.serialType, (c) => dialect.serialPrimaryKey(c))
    .addColumn('rule_set_id', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('service_id', 'integer')
    .addColumn('is_enabled', 'integer', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'bigint', (c) => c.notNull())
    .addColumn('saved_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addUniqueConstraint('triage_rule_set_versions_unique', ['rule_set_id', 'version'])
    .execute();
  await schema.alterTable('alerts').addColumn('suppressed_by_rule', 'text').execute();
}
