import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FinalSchedule, OnCallNow, Schedule, ScheduleOverride } from '../core/schemas/oncall.js';
import { TEST_PG_URL } from '../../test/support/server/test-database.js';
import { createScratchDatabase } from '../../test/support/scratch-database.js';
import {
  BIN,
  type CliRun,
  type ServerProcess,
  argv,
  cleanEnv,
  runCli,
  startServerProcess,
} from '../../test/support/cli/cli-harness.js';
import { formatIn, formatWhen, parseTime } from './oncall-format.js';

// The real bin against a real server, once on SQLite and once on a fresh PostgreSQL database.
// Times print in UTC (TZ=UTC) so the tables are the same on every machine.

interface Target {
  name: string;
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

function sqliteTarget(): Target {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-oncall-cli-'));
  return {
    name: 'sqlite',
    env: { BEACON_DATA_DIR: dir },
    cleanup: () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })),
  };
}

async function postgresTarget(url: string): Promise<Target> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-oncall-cli-'));
  return {
    name: 'postgres',
    env: { DATABASE_URL: await createScratchDatabase(url), BEACON_DATA_DIR: dir },
    cleanup: () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })),
  };
}

const targets: Array<() => Promise<Target>> = [() => Promise.resolve(sqliteTarget())];
const pgUrl = TEST_PG_URL;
if (pgUrl) targets.push(() => postgresTarget(pgUrl));
else {
  describe.skip('beacon oncall and schedule commands [postgres skipped: BEACON_TEST_PG_URL not set]', () => {
    it('needs PostgreSQL', () => undefined);
  });
}

describe('on-call times on the command line', () => {
  const now = Date.parse('2026-03-02T11:00:00Z');
  it('reads ISO-8601 with an offset, relative times and "now"', () => {
    expect(parseTime('2026-03-02T12:00+01:00', now)).toBe('2026-03-02T11:00:00.000Z');
    expect(parseTime('2026-03-02T11:30:15Z', now)).toBe('2026-03-02T11:30:15.000Z');
    expect(parseTime('+90m', now)).toBe('2026-03-02T12:30:00.000Z');
    expect(parseTime('-2h', now)).toBe('2026-03-02T09:00:00.000Z');
    expect(parseTime('+1w', now)).toBe('2026-03-09T11:00:00.000Z');
    expect(parseTime('NOW', now)).toBe('2026-03-02T11:00:00.000Z');
  });
  it('refuses what it cannot read', () => {
    for (const text of ['tomorrow', '2h', '+2x', '2026-13-40T99:00Z', '']) {
      expect(() => parseTime(text, now)).toThrow();
    }
  });
  it('prints times in a zone and counts down to them', () => {
    expect(formatWhen('2026-03-29T01:30:00Z', 'Europe/Berlin')).toBe('2026-03-29 03:30 GMT+2');
    expect(formatWhen('2026-03-02T08:00:00Z', 'Europe/Berlin', false)).toBe('2026-03-02 09:00');
    expect(formatIn('2026-03-02T11:40:00Z', now)).toBe('in 40m');
    expect(formatIn('2026-03-04T11:00:00Z', now)).toBe('in 2d');
    expect(formatIn('2026-03-02T10:00:00Z', now)).toBe('now');
  });
});

const succeeded = (run: CliRun) => {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
};

describe.each(targets.map((make, i) => [i === 0 ? 'sqlite' : 'postgres', make] as const))(
  'beacon oncall and schedule commands [%s]',
  (_name, makeTarget) => {
    let target: Target;
    let server: ServerProcess | undefined;
    let adminToken = '';
    let viewerToken = '';
    const ids = { ana: 0, ben: 0, primary: 0, database: 0 };

    const beacon = (args: string[], token = adminToken) =>
      runCli(args, cleanEnv({ BEACON_URL: server?.url ?? '', BEACON_TOKEN: token, TZ: 'UTC' }));
    const call = async <T>(method: string, pathname: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${server?.url ?? ''}/api/v1${pathname}`, {
        method,
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      expect(response.status, pathname).toBeLessThan(300);
      return (await response.json()) as T;
    };
    const createToken = async (email: string) => {
      const run = await runCli(argv`token create --email ${email} --name cli`, cleanEnv(target.env));
      return succeeded(run).trim();
    };

    beforeAll(async () => {
      target = await makeTarget();
      server = await startServerProcess([BIN, 'serve'], {
        ...target.env,
        BEACON_ADMIN_EMAIL: 'admin@example.com',
        BEACON_ADMIN_PASSWORD: 'correct-horse-battery',
        LOG_LEVEL: 'warn',
      });
      adminToken = await createToken('admin@example.com');
      const user = (name: string, email: string, role: string) =>
        call<{ id: number }>('POST', '/users', { name, email, role, password: 'long-enough-password' });
      ids.ana = (await user('Ana Rivera', 'ana@example.com', 'responder')).id;
      ids.ben = (await user('Ben Okafor', 'ben@example.com', 'responder')).id;
      await user('Vera Viewer', 'vera@example.com', 'viewer');
      viewerToken = await createToken('vera@example.com');
      // Daily at 09:00 Berlin from Monday 2 March 2026: Ana that day, Ben the next, and so on.
      const primary = await call<Schedule>('POST', '/schedules', {
        name: 'Platform primary',
        timeZone: 'Europe/Berlin',
        layers: [
          {
            participants: [ids.ana, ids.ben],
            rotation: { kind: 'daily' },
            handoffTime: '09:00',
            startDate: '2026-03-02',
          },
        ],
      });
      // Ben in office hours only: nobody on call on weekends or at night.
      const database = await call<Schedule>('POST', '/schedules', {
        name: 'Database',
        timeZone: 'UTC',
        layers: [
          {
            participants: [ids.ben],
            rotation: { kind: 'weekly' },
            handoffTime: '09:00',
            startDate: '2026-03-02',
            restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }],
          },
        ],
      });
      ids.primary = primary.id;
      ids.database = database.id;
    }, 180_000);

    afterAll(async () => {
      if (server) expect(await server.stop()).toBe(0);
      await target?.cleanup();
    });

    it('says who is on call at a given time on every schedule, as a table and as JSON', async () => {
      const at = '2026-03-02T12:00+01:00';
      const table = succeeded(await beacon(['oncall', '--at', at]))
        .trimEnd()
        .split('\n');
      expect(table[0]).toMatch(/^SCHEDULE\s+ON CALL\s+EMAIL\s+VIA\s+UNTIL$/);
      expect(table).toContainEqual(
        expect.stringMatching(
          /^Platform primary\s+Ana Rivera\s+ana@example\.com\s+layer 1\s+2026-03-03 08:00 UTC \(in 21h\)$/,
        ),
      );
      expect(table).toContainEqual(
        expect.stringMatching(
          /^Database\s+Ben Okafor\s+ben@example\.com\s+layer 1\s+2026-03-02 17:00 UTC \(in 6h\)$/,
        ),
      );
      const saturday = JSON.parse(
        succeeded(await beacon(['oncall', '--at', '2026-03-07T12:00Z', '--json'])),
      ) as { items: OnCallNow[] };
      expect(saturday.items.find((i) => i.scheduleId === ids.database)).toMatchObject({
        userId: null,
        source: null,
        until: '2026-03-09T09:00:00.000Z',
      });
      expect(saturday.items.find((i) => i.scheduleId === ids.primary)).toMatchObject({
        userName: 'Ben Okafor',
        until: '2026-03-08T08:00:00.000Z',
      });
    });

    it('picks one schedule by name or id, and says who is on call now by default', async () => {
      const byName = JSON.parse(
        succeeded(
          await beacon(argv`oncall --schedule ${'platform PRIMARY'} --at 2026-03-03T12:00+01:00 --json`),
        ),
      ) as { items: OnCallNow[] };
      expect(byName.items).toEqual([
        expect.objectContaining({ scheduleName: 'Platform primary', userName: 'Ben Okafor', source: 0 }),
      ]);
      const now = JSON.parse(succeeded(await beacon(['oncall', '--json']))) as { items: OnCallNow[] };
      const expected = await call<OnCallNow>('GET', `/schedules/${ids.primary}/oncall`);
      expect(now.items.map((i) => i.scheduleName).sort()).toEqual(['Database', 'Platform primary']);
      expect(now.items.find((i) => i.scheduleId === ids.primary)?.userName).toBe(expected.userName);
      const one = succeeded(await beacon(['oncall', '--schedule', String(ids.primary)]));
      expect(one.trimEnd().split('\n')).toHaveLength(2);
      expect(one).toContain(expected.userName ?? 'nobody');
    });

    it('refuses a bad time with exit 2 and an unknown schedule with exit 1', async () => {
      const badTime = await beacon(['oncall', '--at', 'tomorrow morning']);
      expect(badTime.code).toBe(2);
      expect(badTime.stderr).toContain('--at');
      const unknown = await beacon(['oncall', '--schedule', 'Nope']);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/^error: no schedule named "Nope" \(schedules: .*"Platform primary"/);
      const missing = await beacon(['schedule', 'show', '999']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/^error: .*schedule 999/);
    });

    it('lists schedules and shows the next two weeks of shifts', async () => {
      const list = succeeded(await beacon(['schedule', 'list']))
        .trimEnd()
        .split('\n');
      expect(list[0]).toMatch(/^ID\s+NAME\s+TIME ZONE\s+LAYERS\s+ON CALL\s+UNTIL$/);
      expect(list).toContainEqual(
        expect.stringMatching(/^\s*\d+\s+Platform primary\s+Europe\/Berlin\s+1\s+/),
      );
      const shown = succeeded(await beacon(['schedule', 'show', 'Platform primary']));
      expect(shown).toMatch(/Time zone:\s+Europe\/Berlin/);
      expect(shown).toContain('1. daily, handoff 09:00 from 2026-03-02: Ana Rivera, Ben Okafor');
      expect(shown).toContain('Shifts, next 14 days (times in Europe/Berlin):');
      const shifts = shown
        .split('\n')
        .map((line) => /^(\S+ \S+)\s+(\S+ 09:00)\s+(Ana Rivera|Ben Okafor)\s+layer 1$/.exec(line))
        .filter((match) => match !== null);
      expect(shifts.length).toBeGreaterThanOrEqual(14);
      for (const [i, shift] of shifts.entries()) {
        if (i > 0) expect(shift[3]).not.toBe(shifts[i - 1]?.[3]);
        if (i > 0) expect(shift[1]).toBe(shifts[i - 1]?.[2]);
      }
      const database = succeeded(await beacon(['schedule', 'show', String(ids.database), '--days', '7']));
      expect(database).toMatch(/^\S+ \S+\s+\S+ 09:00\s+nobody\s+-$/m);
      expect(database).toMatch(/only mon,tue,wed,thu,fri 09:00-17:00: Ben Okafor/);
      const json = JSON.parse(
        succeeded(await beacon(['schedule', 'show', '--json', 'Database'])),
      ) as Schedule & {
        final: FinalSchedule;
      };
      expect(json.final.gaps.length).toBeGreaterThan(0);
      expect(json.final.shifts.every((s) => s.userName === 'Ben Okafor')).toBe(true);
    });

    it('adds an override that wins over the rotation, lists it and removes it', async () => {
      const past = JSON.parse(
        succeeded(
          await beacon(
            argv`schedule override add ${String(ids.primary)} --user BEN@example.com --start 2026-03-02T10:00+01:00 --end 2026-03-02T14:00+01:00 --json`,
          ),
        ),
      ) as ScheduleOverride;
      expect(past).toMatchObject({
        userId: ids.ben,
        start: '2026-03-02T09:00:00.000Z',
        end: '2026-03-02T13:00:00.000Z',
      });
      const covered = succeeded(
        await beacon(argv`oncall --schedule ${String(ids.primary)} --at 2026-03-02T12:00+01:00`),
      );
      expect(covered).toMatch(
        /Platform primary\s+Ben Okafor\s+ben@example\.com\s+override\s+2026-03-02 13:00 UTC/,
      );

      const added = succeeded(
        await beacon(
          argv`schedule override add ${'Platform primary'} --user ana@example.com --start +1h --end +3h`,
        ),
      );
      const id =
        /^override (\d+) added: Ana Rivera is on call on "Platform primary" from .+ UTC to .+ UTC\n$/.exec(
          added,
        )?.[1];
      expect(id).toBeDefined();
      const inTwoHours = JSON.parse(
        succeeded(await beacon(argv`oncall --schedule ${'Platform primary'} --at +2h --json`)),
      ) as { items: OnCallNow[] };
      expect(inTwoHours.items[0]).toMatchObject({ userName: 'Ana Rivera', source: 'override' });
      const listed = succeeded(await beacon(['schedule', 'override', 'list', 'Platform primary']));
      expect(listed).toMatch(new RegExp(`^\\s*${id}\\s+Ana Rivera\\s+`, 'm'));
      expect(listed).not.toContain('Ben Okafor');
      expect(succeeded(await beacon(['schedule', 'show', 'Platform primary']))).toMatch(
        /^\S+ \S+\s+\S+ \S+\s+Ana Rivera\s+override$/m,
      );

      const removed = await beacon(['schedule', 'override', 'remove', 'Platform primary', id ?? '']);
      expect(succeeded(removed)).toBe(`override ${id} removed from "Platform primary"\n`);
      const again = await beacon(['schedule', 'override', 'remove', 'Platform primary', id ?? '']);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(`override ${id}`);
      expect(succeeded(await beacon(['schedule', 'override', 'list', 'Platform primary']))).toBe(
        'no upcoming overrides\n',
      );
    });

    it('names what is wrong with an override and keeps viewers from adding one', async () => {
      const primary = String(ids.primary);
      const noUser = await beacon(argv`schedule override add ${primary} --user nobody@example.com --end +1h`);
      expect(noUser.code).toBe(1);
      expect(noUser.stderr).toContain('--user: no user with email or id "nobody@example.com"');
      const backwards = await beacon(
        argv`schedule override add ${primary} --user ana@example.com --start +2h --end +1h`,
      );
      expect(backwards.code).toBe(1);
      expect(backwards.stderr).toMatch(/end.*must be after start/);
      const noEnd = await beacon(argv`schedule override add ${primary} --user ana@example.com`);
      expect(noEnd.code).toBe(2);
      expect(noEnd.stderr).toContain('--end');
      const asViewer = await beacon(
        argv`schedule override add ${primary} --user ana@example.com --end +1h`,
        viewerToken,
      );
      expect(asViewer.code).toBe(1);
      expect(asViewer.stderr).toMatch(/^error: /);
      expect(asViewer.stdout).toBe('');
      const viewerReads = await beacon(['oncall', '--json'], viewerToken);
      expect((JSON.parse(succeeded(viewerReads)) as { items: unknown[] }).items).toHaveLength(2);
    });
  },
);
