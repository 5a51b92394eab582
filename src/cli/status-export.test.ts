import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ManualClock } from '../core/clock.js';
import { StatusComponentBody } from '../core/schemas/status-page.js';
import type { StaticFile } from '../core/status/static-site.js';
import type { AppContext, Caller } from '../server/commands/context.js';
import { createStatusComponent } from '../server/commands/status/components.js';
import { loadStatusSnapshot, statusPageVersion } from '../server/commands/status/load-snapshot.js';
import { updateStatusSettingsCommand } from '../server/commands/status/page-settings.js';
import { createUser } from '../server/commands/users.js';
import { loopbackRequest } from '../../test/support/server/http/loopback-client.js';
import {
  type TestDatabase,
  createTestDatabase,
  describeEachDialect,
} from '../../test/support/server/test-database.js';
import { useStatusApp } from '../../test/support/status/status-app.js';
import { MANIFEST, StatusExporter, exportFiles, writeExport } from './status-export.js';

const BASE_URL = 'https://beacon.example.com';

/** The live path a file of the export stands for: `incidents/x/index.html` is `/status/incidents/x`. */
function livePath(file: string): string {
  const page = file === 'index.html' ? '' : file.replace(/\/index\.html$/, '');
  return page === '' ? '/status' : `/status/${page}`;
}

/** Every href and src of a page, resolved against its file: paths inside the export. */
function linksOf(file: StaticFile): { raw: string; target: string }[] {
  const here = new URL(file.path, 'file:///site/');
  return [...file.body.matchAll(/(?:href|src)="([^"]+)"/g)]
    .map((m) => (m[1] ?? '').replace(/&amp;/g, '&'))
    .filter((raw) => !/^[a-z]+:/.test(raw) && !raw.startsWith('#'))
    .map((raw) => ({
      raw,
      target: decodeURIComponent(new URL(raw, here).pathname.replace(/^\/site\//, '')),
    }));
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-status-export-'));
}

describeEachDialect('status export of the live page', (dialect) => {
  const env = useStatusApp(dialect);

  it('writes the files the live server serves, with links that resolve inside the copy', async () => {
    const { baseUrl, fixture } = env();
    const files = exportFiles(fixture.snapshot);
    const paths = new Set(files.map((f) => f.path));
    expect([...paths].sort()).toEqual(
      expect.arrayContaining([
        'index.html',
        'history/index.html',
        'incidents/inc-open/index.html',
        'incidents/inc-old/index.html',
        'maintenances/mnt-next/index.html',
        'maintenances/mnt-done/index.html',
        'api/v2/summary.json',
        'api/v2/incidents/unresolved.json',
        'api/v2/scheduled-maintenances/active.json',
        'history.atom',
        'history.rss',
        '_headers',
      ]),
    );
    for (const file of files.filter((f) => f.path !== '_headers')) {
      const live = await loopbackRequest(baseUrl, 'GET', livePath(file.path));
      expect(live.status, file.path).toBe(200);
      expect(live.headers['content-type'], file.path).toBe(file.contentType);
      if (!file.path.endsWith('.html')) {
        expect(file.body, file.path).toBe(live.body);
        continue;
      }
      // The same page, but each link points at the copy's file rather than under /status.
      // The subscribe form stays on Beacon: the copy links to the live page's.
      const subscribe = `${fixture.snapshot.page.url}/subscribe`;
      expect(file.body, file.path).toContain(`<a href="${subscribe}">Subscribe to updates</a>`);
      let relinked = file.body.replaceAll(`"${subscribe}"`, '"/status/subscribe"');
      for (const link of linksOf(file)) {
        expect(paths.has(link.target), `${file.path} links to ${link.raw}`).toBe(true);
        relinked = relinked.replaceAll(`"${link.raw}"`, `"${livePath(link.target)}"`);
      }
      expect(relinked, file.path).toBe(live.body);
    }
    const headers = files.find((f) => f.path === '_headers')?.body ?? '';
    expect(headers).toContain('/api/v2/*\n  Access-Control-Allow-Origin: *');
    expect(headers).toMatch(/Content-Security-Policy: default-src 'none'; .*style-src 'sha256-/);
  });

  it('moves the JSON and feed links to --public-url, and writes only what changed', () => {
    const { fixture } = env();
    const files = exportFiles(fixture.snapshot, 'https://status.example.org/');
    const summary = files.find((f) => f.path === 'api/v2/summary.json')?.body ?? '';
    expect(summary).toContain('"url":"https://status.example.org"');
    expect(summary).toContain('"shortlink":"https://status.example.org/incidents/inc-open"');
    expect(files.find((f) => f.path === 'history.atom')?.body).not.toContain('/status/incidents/');

    const dir = tempDir();
    try {
      fs.writeFileSync(path.join(dir, 'CNAME'), 'status.example.org\n');
      const first = writeExport(dir, files);
      expect(first.written).toHaveLength(files.length);
      expect(fs.readFileSync(path.join(dir, 'api/v2/summary.json'), 'utf8')).toBe(summary);
      expect(writeExport(dir, files)).toEqual({ written: [], removed: [], unchanged: files.length });
      // An incident gone from the page takes its page with it; other files stay.
      const fewer = exportFiles(
        { ...fixture.snapshot, incidents: fixture.snapshot.incidents.filter((i) => i.id !== 'inc-old') },
        'https://status.example.org/',
      );
      const second = writeExport(dir, fewer);
      expect(second.removed).toEqual(['incidents/inc-old/index.html']);
      expect(second.written).toEqual(expect.arrayContaining(['history/index.html', 'api/v2/incidents.json']));
      expect(fs.existsSync(path.join(dir, 'incidents/inc-old/index.html'))).toBe(false);
      expect(fs.readFileSync(path.join(dir, 'CNAME'), 'utf8')).toBe('status.example.org\n');
      expect(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')).not.toContain('inc-old');
      expect(fs.readdirSync(dir).some((name) => name.includes('.partial-'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeEachDialect('status export kept current', (dialect) => {
  let db: TestDatabase;
  let ctx: AppContext;
  let clock: ManualClock;
  let caller: Caller;
  let dir: string;

  beforeEach(async () => {
    clock = new ManualClock(Date.parse('2026-03-01T12:00:00Z'));
    db = await createTestDatabase(dialect, clock);
    ctx = db.ctx;
    dir = tempDir();
    const admin = await createUser(ctx, null, {
      email: 'admin@example.com',
      name: 'Admin',
      role: 'admin',
      password: 'correct-horse-battery',
    });
    caller = { userId: admin.id, name: admin.name, email: admin.email, role: admin.role };
  });
  afterEach(async () => {
    await db.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const source = {
    load: (c: AppContext) => loadStatusSnapshot(c, { baseUrl: BASE_URL }),
    version: statusPageVersion,
  };
  const hookRuns = () => {
    try {
      return fs.readFileSync(`${dir}.runs`, 'utf8').split('\n').length - 1;
    } catch {
      return 0;
    }
  };

  it('writes again when the page changes or grows old, and runs --after only when a file changed', async () => {
    const runs = `${dir}.runs`;
    const exporter = new StatusExporter(ctx, source, {
      dir,
      after: `echo "$BEACON_EXPORT_DIR" >> '${runs}'`,
    });
    try {
      const first = await exporter.look();
      expect(first?.written).toEqual(expect.arrayContaining(['index.html', 'api/v2/summary.json']));
      expect(hookRuns()).toBe(1);
      expect(fs.readFileSync(runs, 'utf8')).toBe(`${dir}\n`);
      // Same version, young: nothing read but the version.
      expect(await exporter.look()).toBeUndefined();
      await createStatusComponent(
        ctx,
        caller,
        StatusComponentBody.parse({ name: 'Checkout API', showUptime: false }),
      );
      const changed = await exporter.look();
      expect(changed?.written).toEqual(expect.arrayContaining(['index.html', 'api/v2/components.json']));
      expect(fs.readFileSync(path.join(dir, 'index.html'), 'utf8')).toContain('<span>Checkout API</span>');
      expect(hookRuns()).toBe(2);
      // 30 s later it renders again (no uptime bar here, so the same bytes), and runs no command.
      clock.advance(30_000);
      expect(await exporter.look()).toEqual(expect.objectContaining({ written: [] }));
      expect(hookRuns()).toBe(2);
    } finally {
      fs.rmSync(runs, { force: true });
    }
  });

  it('runs a failed --after again at the next look, and refuses to publish a private page', async () => {
    const flag = `${dir}.ok`;
    const exporter = new StatusExporter(ctx, source, {
      dir,
      after: `test -e '${flag}' && echo synced >> '${dir}.runs'`,
    });
    await expect(exporter.look()).rejects.toThrow(/--after command failed \(exit code 1\)/);
    expect(fs.existsSync(path.join(dir, 'index.html'))).toBe(true);
    fs.writeFileSync(flag, '');
    try {
      // Nothing new to write, but the sync that failed runs again, once.
      await expect(exporter.look()).resolves.toBeUndefined();
      expect(hookRuns()).toBe(1);
      expect(await exporter.look()).toBeUndefined();
      expect(hookRuns()).toBe(1);
    } finally {
      fs.rmSync(flag, { force: true });
      fs.rmSync(`${dir}.runs`, { force: true });
    }
    await updateStatusSettingsCommand(ctx, caller, { isPrivate: true }, BASE_URL);
    const before = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    await expect(exporter.look()).rejects.toThrow(/private/);
    expect(fs.readFileSync(path.join(dir, 'index.html'), 'utf8')).toBe(before);
  });
});
