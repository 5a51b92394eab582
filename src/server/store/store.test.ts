import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Caller } from '../commands/context.js';
import { declareIncident } from '../commands/declare-incident.js';
import { createUser } from '../commands/users.js';
import {
  describeEachDialect,
  useTestDatabase,
  whileMigrating,
} from '../../../test/support/server/test-database.js';
import { listIncidents, takeIncidentNumber } from './queries/incidents.js';
import { insertTimelineEntry } from './queries/timeline.js';
import type { IncidentListQuery } from '../../core/schemas/incident.js';
import { openSqlite } from './dialects/sqlite-connection.js';

const baseQuery: IncidentListQuery = { sort: 'newest', limit: 50 };

describeEachDialect('store', (dialect) => {
  const database = useTestDatabase(dialect);

  async function responder(): Promise<Caller> {
    const user = await createUser(database().ctx, null, {
      email: 'r@example.com',
      role: 'responder',
      password: 'correct-horse-battery',
    });
    return { userId: user.id, name: user.name, email: user.email, role: 'responder' };
  }

  it('applies migrations once; a second run applies nothing', async () => {
    // Migrating reads every schema's catalog, so it runs under the lock that keeps other
    // tests from dropping their schemas meanwhile.
    expect(await whileMigrating(() => database().ctx.store.migrate())).toEqual([]);
  });

  it('numbers incidents without gaps when a transaction rolls back', async () => {
    const { store } = database().ctx;
    expect(await store.transaction((tx) => takeIncidentNumber(tx))).toBe(1);
    await expect(
      store.transaction(async (tx) => {
        await takeIncidentNumber(tx);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await store.transaction((tx) => takeIncidentNumber(tx))).toBe(2);
  });

  it('gives concurrent declarations distinct consecutive numbers', async () => {
    const caller = await responder();
    const declared = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        declareIncident(database().ctx, caller, {
          title: `Incident ${i}`,
          severity: 'SEV3',
          impact: 'medium',
          urgency: 'medium',
          status: 'investigating',
        }),
      ),
    );
    expect(declared.map((i) => i.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });

  it('refuses to update or delete timeline entries at the database level', async () => {
    const caller = await responder();
    const incident = await declareIncident(database().ctx, caller, {
      title: 'Disk full',
      severity: 'SEV2',
      impact: 'high',
      urgency: 'medium',
      status: 'triggered',
    });
    const { db } = database().ctx.store;
    await insertTimelineEntry(db, {
      incidentId: incident.id,
      at: 1,
      actor: { type: 'system', id: null, name: 'Beacon' },
      kind: 'note',
      body: 'x',
    });
    await expect(db.updateTable('timeline_entries').set({ body: 'rewritten' }).execute()).rejects.toThrow(
      /immutable/,
    );
    await expect(db.deleteFrom('timeline_entries').execute()).rejects.toThrow(/immutable/);
    const rows = await db.selectFrom('timeline_entries').select('body').execute();
    expect(rows.map((r) => r.body)).toContain('x');
  });

  it('finds incidents by words of title and summary, by word prefix, and by number', async () => {
    const caller = await responder();
    const ctx = database().ctx;
    const base = { severity: 'SEV3', impact: 'medium', urgency: 'medium', status: 'investigating' } as const;
    await declareIncident(ctx, caller, {
      ...base,
      title: 'Checkout payments failing',
      summary: 'Card processor timeouts',
    });
    await declareIncident(ctx, caller, {
      ...base,
      title: 'Search is slow',
      summary: 'Elasticsearch heap pressure',
    });
    await declareIncident(ctx, caller, { ...base, title: 'Login errors', summary: 'payments unaffected' });
    const titles = async (q: string) =>
      (await listIncidents(ctx.store.db, { ...baseQuery, q })).rows.map((r) => r.title).sort();
    expect(await titles('payments')).toEqual(['Checkout payments failing', 'Login errors']);
    expect(await titles('elastic')).toEqual(['Search is slow']);
    expect(await titles('checkout timeouts')).toEqual(['Checkout payments failing']);
    expect(await titles('INC-2')).toEqual(['Search is slow']);
    expect(await titles('"; DROP TABLE incidents; --')).toEqual([]);
    expect(await titles('nothingmatches')).toEqual([]);
  });

  it('pages with a keyset cursor: every row once, in order, even with equal sort values', async () => {
    const caller = await responder();
    const ctx = database().ctx;
    for (let i = 0; i < 7; i++) {
      await declareIncident(ctx, caller, {
        title: `Same time ${i}`,
        severity: i % 2 ? 'SEV1' : 'SEV2',
        impact: 'low',
        urgency: 'low',
        status: 'triggered',
      });
    }
    for (const sort of ['newest', 'oldest', 'severity', 'number', 'updated'] as const) {
      const seen: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await listIncidents(ctx.store.db, {
          sort,
          limit: 3,
          ...(cursor ? { cursor } : {}),
        });
        seen.push(...page.rows.map((r) => r.number));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    }
    const bySeverity = await listIncidents(ctx.store.db, { sort: 'severity', limit: 50 });
    expect(bySeverity.rows.map((r) => r.severity)).toEqual([
      'SEV1',
      'SEV1',
      'SEV1',
      'SEV2',
      'SEV2',
      'SEV2',
      'SEV2',
    ]);
  });

  it('keeps a durable copy with an online backup (SQLite) or points to pg_dump (PostgreSQL)', async () => {
    const { store } = database().ctx;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-backup-'));
    const file = path.join(dir, 'copy.sqlite');
    if (dialect === 'sqlite') {
      await store.backup(file);
      const copy = openSqlite(file, { readonly: true });
      expect(copy.prepare('SELECT value FROM counters').get()).toEqual({ value: 0 });
      copy.close();
      fs.rmSync(dir, { recursive: true, force: true });
    } else {
      await expect(store.backup(file)).rejects.toThrow(/pg_dump/);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('dialect selection', () => {
  it('opens PostgreSQL for postgres URLs and SQLite otherwise', async () => {
    const { dialectFor } = await import('./store.js');
    expect(dialectFor('postgres://u@h/db').name).toBe('postgres');
    expect(dialectFor('postgresql://u@h/db').name).toBe('postgres');
    expect(dialectFor('./data/beacon.sqlite').name).toBe('sqlite');
    expect(dialectFor('sqlite:///tmp/x.sqlite').name).toBe('sqlite');
  });
});
