import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import {
  createUnmigratedTestDatabase,
  describeEachDialect,
  whileMigrating,
} from '../../../../test/support/server/test-database.js';
import type { Store } from '../store.js';

/** A user with an email contact method, a rule using it and a page sent on it, before 014. */
async function seedPre014(store: Store): Promise<void> {
  await sql`INSERT INTO users (email, name, role, password_hash, created_at, updated_at)
    VALUES ('ada@example.com', 'Ada', 'responder', 'x', 1, 1)`.execute(store.db);
  await sql`INSERT INTO contact_methods (user_id, type, name, address, created_at)
    VALUES (1, 'email', 'Mail', 'ada@example.com', 1)`.execute(store.db);
  await sql`INSERT INTO notification_rules (user_id, contact_method_id, delay_minutes)
    VALUES (1, 1, 0)`.execute(store.db);
}

const insertMethod = (store: Store, type: string) =>
  sql`INSERT INTO contact_methods (user_id, type, name, address, created_at)
    VALUES (1, ${type}, ${type}, '+15551230001', 2)`.execute(store.db);

describeEachDialect('migration 014: SMS, voice and Telegram contact methods', (dialect) => {
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await drop?.();
    drop = undefined;
  });

  it('lets the new types in, keeps refusing unknown ones, and keeps every row and reference', async () => {
    const database = await createUnmigratedTestDatabase(dialect);
    drop = () => database.drop();
    const { store } = database;
    await whileMigrating(() => store.migrate({ upTo: '009-sign-in-security' }));
    await seedPre014(store);
    await expect(insertMethod(store, 'sms')).rejects.toThrow(/check/i);

    expect(await whileMigrating(() => store.migrate())).toContain('014-phone-contact-methods');

    for (const type of ['sms', 'voice', 'telegram', 'email']) await insertMethod(store, type);
    await expect(insertMethod(store, 'carrier-pigeon')).rejects.toThrow(/check/i);
    const methods = await store.db
      .selectFrom('contact_methods')
      .select(['id', 'type'])
      .orderBy('id')
      .execute();
    expect(methods.map((method) => method.type)).toEqual(['email', 'sms', 'voice', 'telegram', 'email']);
    const rules = await store.db.selectFrom('notification_rules').select('contact_method_id').execute();
    expect(rules).toEqual([{ contact_method_id: 1 }]);
    // The rule still references its method: deleting the method deletes the rule.
    await store.db.deleteFrom('contact_methods').where('id', '=', 1).execute();
    expect(await store.db.selectFrom('notification_rules').selectAll().execute()).toEqual([]);
  });
});
