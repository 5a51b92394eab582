import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { ManualClock } from '../../../core/clock.js';
import { authenticateIntegration } from '../../commands/integrations.js';
import {
  createUnmigratedTestDatabase,
  describeEachDialect,
  whileMigrating,
} from '../../../../test/support/server/test-database.js';
import type { Store } from '../store.js';
import { TEST_OUTBOUND_ALLOW_LIST } from '../../../../test/support/outbound-allow.js';

const OLD_KEY = '0123456789abcdef0123456789abcdef';
const OTHER_OLD_KEY = 'fedcba9876543210fedcba9876543210';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Rows as Beacon wrote them before migration 008: the key in clear beside its hash. */
async function seedPre008(store: Store): Promise<void> {
  await sql`INSERT INTO services (name, description, created_at, updated_at)
    VALUES ('web', '', 1, 1)`.execute(store.db);
  await sql`INSERT INTO integrations (service_id, type, name, key, key_hash, created_at, updated_at)
    VALUES (1, 'alertmanager', 'Prometheus', ${OLD_KEY}, ${sha256(OLD_KEY)}, 1, 1)`.execute(store.db);
  // A row whose hash is not the key's (never trusted: the migration hashes the clear key).
  await sql`INSERT INTO integrations (service_id, type, name, key, key_hash, created_at, updated_at)
    VALUES (1, 'generic', 'Script', ${OTHER_OLD_KEY}, 'not-a-hash', 1, 1)`.execute(store.db);
}

describeEachDialect('migration 008: integration keys hashed', (dialect) => {
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await drop?.();
    drop = undefined;
  });

  it('keeps old keys working, stores only their hash and prefix, and drops the clear key', async () => {
    const database = await createUnmigratedTestDatabase(dialect);
    drop = () => database.drop();
    const { store } = database;
    await whileMigrating(() => store.migrate({ upTo: '007-stakeholders' }));
    await seedPre008(store);

    expect(await whileMigrating(() => store.migrate())).toContain('008-integration-key-hashes');

    const ctx = {
      store,
      clock: new ManualClock(),
      onIncidentsChanged: () => undefined,
      outboundAllow: TEST_OUTBOUND_ALLOW_LIST,
    };
    expect(await authenticateIntegration(ctx, OLD_KEY)).toMatchObject({
      name: 'Prometheus',
      type: 'alertmanager',
    });
    expect(await authenticateIntegration(ctx, OTHER_OLD_KEY)).toMatchObject({ name: 'Script' });
    await expect(authenticateIntegration(ctx, 'f'.repeat(32))).rejects.toThrow(/unknown/);

    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM integrations ORDER BY id`.execute(
      store.db,
    );
    expect(rows.map((row) => Object.keys(row))).not.toContainEqual(expect.arrayContaining(['key']));
    expect(JSON.stringify(rows)).not.toContain(OLD_KEY);
    expect(JSON.stringify(rows)).not.toContain(OTHER_OLD_KEY);
    expect(rows).toMatchObject([
      { key_prefix: '01234567', key_hash: sha256(OLD_KEY) },
      { key_prefix: 'fedcba98', key_hash: sha256(OTHER_OLD_KEY) },
    ]);
  });
});
