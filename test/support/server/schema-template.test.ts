import { sql } from 'kysely';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { readSchemaCatalog } from './schema-catalog.js';
import {
  TEST_PG_URL,
  createTestDatabase,
  createUnmigratedTestDatabase,
  whileMigrating,
} from './test-database.js';

describe.skipIf(!TEST_PG_URL)('PostgreSQL test schemas made from the migrated template', () => {
  const drops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const drop of drops.splice(0)) await drop();
  });

  it('have the catalog and rows of a migrated schema, and migrating one applies nothing', async () => {
    const url = TEST_PG_URL ?? '';
    const template = inject('pgSchemaTemplate');
    expect(template, 'the global setup provides a template').not.toBeNull();
    const startedAt = Date.now();

    const migrated = await createUnmigratedTestDatabase('postgres');
    drops.push(() => migrated.drop());
    expect(await whileMigrating(() => migrated.store.migrate())).toContain('001-foundation');
    const fromTemplate = await createTestDatabase('postgres');
    drops.push(() => fromTemplate.drop());
    const schema = fromTemplate.schema ?? '';
    expect(await whileMigrating(() => fromTemplate.ctx.store.migrate())).toEqual([]);

    // Its migrations ran before this test, in the global setup: it was not migrated here.
    const { rows: ran } = await sql<{ timestamp: string }>`SELECT timestamp FROM kysely_migration`.execute(
      fromTemplate.ctx.store.db,
    );
    expect(ran.length).toBeGreaterThan(10);
    for (const row of ran) expect(Date.parse(row.timestamp)).toBeLessThan(startedAt);

    const expected = await readSchemaCatalog(url, migrated.schema ?? '');
    const actual = await readSchemaCatalog(url, schema);
    expect(actual).toEqual(expected);
    // What the comparison covers is there: the timeline's trigger, the search column, the counter.
    expect(actual.triggers?.join('\n')).toContain('timeline_no_change BEFORE DELETE OR UPDATE');
    expect(actual.functions?.join('\n')).toContain("RAISE EXCEPTION 'timeline entries are immutable'");
    expect(actual.columns?.join('\n')).toMatch(/incidents\.search #\d+ tsvector notnull=false generated=s/);
    expect(actual.sequences?.join('\n')).toContain('owner=incidents.id');
    expect(actual.rows?.join('\n')).toMatch(/^counters [1-9]\d* /m);
    expect(actual.constraints?.some((line) => / c CHECK /.test(line))).toBe(true);
  });
});
