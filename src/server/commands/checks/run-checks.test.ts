import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Check } from '../../../core/schemas/checks.js';
import { openAppContext } from '../../app-context.js';
import { CheckRunner } from '../../engine/checks/check-runner.js';
import {
  type TestHttpTarget,
  addCheck,
  recordingLog,
  startHttpTarget,
} from '../../../../test/support/server/engine/checks/check-test-helpers.js';
import { ok } from '../../../../test/support/server/http/api-test-helpers.js';
import { useApiHarness } from '../../../../test/support/server/api-harness.js';
import { describeEachDialect, whileMigrating } from '../../../../test/support/server/test-database.js';
import type { AppContext } from '../context.js';
import { claimChecks } from './run-checks.js';

const SECOND = 1000;

describeEachDialect('claiming due checks', (dialect) => {
  const api = useApiHarness(dialect);
  let target: TestHttpTarget;
  let other: AppContext | undefined;
  beforeEach(async () => {
    target = await startHttpTarget();
  });
  afterEach(async () => {
    await other?.store.close();
    other = undefined;
    await target.close();
  });

  /** A second Beacon process on the same database, with the same clock. */
  const secondProcess = async (): Promise<AppContext> => {
    const { databaseUrl, schema } = api().db;
    other = await whileMigrating(() =>
      openAppContext(
        { databaseUrl, outboundAllow: api().db.ctx.outboundAllow },
        { clock: api().clock, ...(schema ? { schema } : {}) },
      ),
    );
    return other;
  };
  const http = (name: string, extra: Record<string, unknown> = {}) =>
    addCheck(api(), { type: 'http', name, config: { url: target.url }, ...extra });

  it('gives each due check to one of two concurrent claimers, round after round', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 20; i++) ids.push((await http(`web ${i}`)).id);
    const ctxB = await secondProcess();
    for (let round = 0; round < 5; round++) {
      const [a, b] = await Promise.all([
        claimChecks(api().db.ctx, 'probe', 'process-a', 15),
        claimChecks(ctxB, 'probe', 'process-b', 15),
      ]);
      const taken = [...a, ...b].map((c) => c.id);
      expect(new Set(taken).size, `round ${round}: no check twice`).toBe(taken.length);
      expect(taken.sort((x, y) => x - y)).toEqual(ids);
      // Leases and the next run both pass: everything is due again.
      api().clock.advance(100 * SECOND);
    }
  });

  it('leaves a leased check alone until its lease expires, then reclaims it', async () => {
    // Runs every 10 s, so it is due again long before the lease (timeout 10 s + 30 s) ends.
    const c = await http('web', { intervalSeconds: 10, timeoutMs: 10_000 });
    expect((await claimChecks(api().db.ctx, 'probe', 'crashed', 10)).map((x) => x.id)).toEqual([c.id]);
    api().clock.advance(11 * SECOND);
    expect(await claimChecks(api().db.ctx, 'probe', 'survivor', 10)).toEqual([]);
    api().clock.advance(30 * SECOND);
    const [reclaimed] = await claimChecks(api().db.ctx, 'probe', 'survivor', 10);
    expect(reclaimed).toMatchObject({ id: c.id, lease_owner: 'survivor' });
  });

  it('claims neither paused checks nor heartbeats as probes', async () => {
    const paused = await http('paused');
    ok<Check>(await api().call('PATCH', `/api/v1/checks/${paused.id}`, { body: { paused: true } }));
    await addCheck(api(), { type: 'heartbeat', name: 'cron' });
    const running = await http('running');
    expect((await claimChecks(api().db.ctx, 'probe', 'me', 10)).map((c) => c.id)).toEqual([running.id]);
  });

  it('after a restart, runs overdue checks at once and a crashed run when its lease expires', async () => {
    const log = recordingLog();
    const overdue = await http('overdue');
    const crashed = await http('crashed');
    const before = new CheckRunner(api().db.ctx, log);
    await before.runOnce();
    expect(target.hits).toBe(2);
    // The old process took `crashed` and died mid-run; an hour passes.
    api().clock.advance(59 * SECOND);
    await claimChecks(api().db.ctx, 'probe', before.owner, 10);
    api().clock.advance(3600 * SECOND);

    const after = new CheckRunner(await secondProcess(), log);
    expect(await after.runOnce()).toBe(2);
    expect(target.hits).toBe(4);
    // Overdue runs happen once, and the next one is an interval from now.
    api().clock.advance(59 * SECOND);
    expect(await after.runOnce()).toBe(0);
    api().clock.advance(1 * SECOND);
    expect(await after.runOnce()).toBe(2);
    const checks = ok<{ items: Check[] }>(await api().call('GET', '/api/v1/checks')).items;
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      [overdue.id, 'up'],
      [crashed.id, 'up'],
    ]);
    expect(log.errors).toEqual([]);
  });
});
