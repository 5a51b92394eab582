import { expect, it } from 'vitest';
import type { FollowUpListQuery } from '../../../core/schemas/follow-ups.js';
import { declareIncident } from '../../commands/declare-incident.js';
import { createUser } from '../../commands/users.js';
import type { Caller } from '../../commands/context.js';
import { describeEachDialect, useTestDatabase } from '../../../../test/support/server/test-database.js';
import type { NewFollowUpRow } from '../schema.js';
import {
  claimOverdueFollowUps,
  countOpenFollowUpsOfIncidents,
  insertFollowUp,
  linkFollowUpIncidents,
  listFollowUps,
  listFollowUpsOfIncident,
  markFollowUpReminded,
} from './follow-ups.js';

const DAY = 86_400_000;
const query = (q: Partial<FollowUpListQuery> = {}): FollowUpListQuery => ({
  sort: 'newest',
  limit: 50,
  ...q,
});

describeEachDialect('follow-up queries', (dialect) => {
  const database = useTestDatabase(dialect);

  async function owner(): Promise<Caller> {
    const user = await createUser(database().ctx, null, {
      email: 'owner@example.com',
      role: 'responder',
      password: 'correct-horse-battery',
    });
    return { userId: user.id, name: user.name, email: user.email, role: 'responder' };
  }

  function followUp(values: Partial<NewFollowUpRow> & { title: string }) {
    const now = database().clock.now();
    return database().ctx.store.transaction((tx) =>
      insertFollowUp(tx, {
        description: '',
        priority: 'medium',
        state: 'open',
        created_at: now,
        updated_at: now,
        version: 1,
        ...values,
      }),
    );
  }

  it('lists by state, overdue and owner, pages by due date, and counts open ones per incident', async () => {
    const { ctx, clock } = database();
    const caller = await owner();
    const incident = await declareIncident(ctx, caller, {
      title: 'Checkout down',
      severity: 'SEV2',
      status: 'investigating',
    });
    const now = clock.now();
    const late = await followUp({ title: 'Add alert', due_at: now - DAY, owner_id: caller.userId });
    const soon = await followUp({ title: 'Write runbook', due_at: now + DAY });
    const undated = await followUp({ title: 'Refactor retries' });
    const done = await followUp({
      title: 'Rollback script',
      state: 'done',
      done_at: now,
      due_at: now - 2 * DAY,
    });
    await ctx.store.transaction(async (tx) => {
      await linkFollowUpIncidents(tx, late.id, [incident.id]);
      await linkFollowUpIncidents(tx, done.id, [incident.id, incident.id]);
    });
    const db = ctx.store.db;
    const ids = async (q: Partial<FollowUpListQuery>, viewerId?: number) =>
      (await listFollowUps(db, query(q), { now, viewerId })).rows.map((row) => row.id);

    expect(await ids({ overdue: 'true' })).toEqual([late.id]);
    expect(await ids({ open: 'true', sort: 'due' })).toEqual([late.id, soon.id, undated.id]);
    expect(await ids({ state: ['done'] })).toEqual([done.id]);
    expect(await ids({ mine: 'true' }, caller.userId)).toEqual([late.id]);
    expect(
      (await listFollowUps(db, query(), { now, incidentId: incident.id })).rows.map((r) => r.id),
    ).toEqual([done.id, late.id]);
    expect((await listFollowUpsOfIncident(db, incident.id)).map((row) => row.title)).toEqual([
      'Add alert',
      'Rollback script',
    ]);
    expect(await countOpenFollowUpsOfIncidents(db, [incident.id, 999])).toEqual(new Map([[incident.id, 1]]));

    // Two pages of two by due date, undated last, nothing lost or repeated.
    const first = await listFollowUps(db, query({ sort: 'due', limit: 2 }), { now });
    expect(first.rows.map((row) => row.id)).toEqual([done.id, late.id]);
    const second = await listFollowUps(db, query({ sort: 'due', limit: 2, cursor: first.nextCursor ?? '' }), {
      now,
    });
    expect(second.rows.map((row) => row.id)).toEqual([soon.id, undated.id]);
    expect(second.nextCursor).toBeNull();
    await expect(listFollowUps(db, query({ cursor: 'nonsense' }), { now })).rejects.toMatchObject({
      fields: [{ field: 'cursor' }],
    });
  });

  it('claims an overdue follow-up once per reminder period', async () => {
    const { ctx, clock } = database();
    const caller = await owner();
    const now = clock.now();
    const late = await followUp({ title: 'Add alert', due_at: now - 1, owner_id: caller.userId });
    await followUp({ title: 'Nobody owns this', due_at: now - 1 });
    const claim = () =>
      ctx.store.transaction(async (tx) => {
        const rows = await claimOverdueFollowUps(tx, {
          now: clock.now(),
          remindedBefore: clock.now() - DAY,
          limit: 10,
        });
        for (const row of rows) await markFollowUpReminded(tx, row.id, clock.now());
        return rows.map((row) => row.id);
      });
    expect(await claim()).toEqual([late.id]);
    expect(await claim()).toEqual([]);
    clock.advance(DAY - 1);
    expect(await claim()).toEqual([]);
    clock.advance(1);
    expect(await claim()).toEqual([late.id]);
  });
});
