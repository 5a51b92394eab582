import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import {
  createUnmigratedTestDatabase,
  describeEachDialect,
  whileMigrating,
} from '../../../../test/support/server/test-database.js';
import type { Store } from '../store.js';

/** A user with an email and a webhook method, a rule and a sent page using them, as before 013. */
async function seedPre013(store: Store): Promise<void> {
  await sql`INSERT INTO users (email, name, role, password_hash, created_at, updated_at)
    VALUES ('ada@example.com', 'Ada', 'responder', 'x', 1, 1)`.execute(store.db);
  await sql`INSERT INTO contact_methods (user_id, type, name, address, secret, created_at) VALUES
    (1, 'email', 'Mail', 'ada@example.com', NULL, 1),
    (1, 'webhook', 'Hook', 'https://hooks.example/ada', 'hook-secret-0123456789', 2)`.execute(store.db);
  await sql`INSERT INTO notification_rules (user_id, contact_method_id, delay_minutes) VALUES (1, 2, 5)`.execute(
    store.db,
  );
  await sql`INSERT INTO outbox (user_id, contact_method_id, channel, address, kind, incident_id, payload,
    dedupe_key, status, attempts, next_attempt_at, created_at)
    VALUES (1, 2, 'webhook', 'https://hooks.example/ada', 'page', NULL, '{"items":[]}', 'k1', 'sent', 1, 1, 1)`.execute(
    store.db,
  );
}

const count = async (store: Store, query: ReturnType<typeof sql<{ n: number | string }>>) =>
  Number((await query.execute(store.db)).rows[0]?.n);

describeEachDialect('migration 013: ntfy, Pushover, SMS, voice and Telegram contact methods', (dialect) => {
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await drop?.();
    drop = undefined;
  });

  it('accepts the new types, keeps every method, id and reference, and still refuses unknown types', async () => {
    const database = await createUnmigratedTestDatabase(dialect);
    drop = () => database.drop();
    const { store } = database;
    await whileMigrating(() => store.migrate({ upTo: '009-sign-in-security' }));
    await seedPre013(store);
    const insert = (type: string) =>
      sql`INSERT INTO contact_methods (user_id, type, name, address, created_at)
        VALUES (1, ${type}, ${type}, 'x', 3)`.execute(store.db);
    await expect(insert('ntfy')).rejects.toThrow();

    expect(await whileMigrating(() => store.migrate())).toContain('013-push-contact-methods');

    const { rows } = await sql<{ id: number; type: string; secret: string | null }>`
      SELECT id, type, secret FROM contact_methods ORDER BY id`.execute(store.db);
    expect(rows).toEqual([
      { id: 1, type: 'email', secret: null },
      { id: 2, type: 'webhook', secret: 'hook-secret-0123456789' },
    ]);
    await insert('ntfy');
    await insert('pushover');
    await expect(insert('fax')).rejects.toThrow();
    const ids = await sql<{
      id: number;
    }>`SELECT id FROM contact_methods WHERE type IN ('ntfy', 'pushover') ORDER BY id`.execute(store.db);
    // New ids continue after the old ones (PostgreSQL's sequence also spent one on the refusal).
    const [ntfyId = 0, pushoverId = 0] = ids.rows.map((row) => row.id);
    expect(ntfyId).toBeGreaterThan(2);
    expect(pushoverId).toBe(ntfyId + 1);
    for (const type of ['sms', 'voice', 'telegram']) await insert(type);

    // References still point at the table: removing the webhook drops its rule, unlinks its page.
    expect(
      await count(store, sql`SELECT COUNT(*) AS n FROM notification_rules WHERE contact_method_id = 2`),
    ).toBe(1);
    await sql`DELETE FROM contact_methods WHERE id = 2`.execute(store.db);
    expect(await count(store, sql`SELECT COUNT(*) AS n FROM notification_rules`)).toBe(0);
    expect(await count(store, sql`SELECT COUNT(*) AS n FROM outbox WHERE contact_method_id IS NULL`)).toBe(1);
    await expect(
      sql`INSERT INTO contact_methods (user_id, type, name, address, created_at) VALUES (99, 'ntfy', 'n', 'x', 1)`.execute(
        store.db,
      ),
    ).rejects.toThrow();
  });
});
