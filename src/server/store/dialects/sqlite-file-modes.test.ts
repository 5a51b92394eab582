import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { type RunningServer, startServer } from '../../main.js';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe.skipIf(process.platform === 'win32')('SQLite files are private', () => {
  let root: string | undefined;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
    server = undefined;
    root = undefined;
  });

  async function start(dataDir: string, lines: string[] = []): Promise<RunningServer> {
    const config = loadConfig({ BEACON_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' });
    return startServer(config, { logStream: { write: (line: string) => void lines.push(line) } });
  }

  it('creates the data directory 0700 and the database, its -wal and -shm and backups 0600', async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-modes-'));
    const dataDir = path.join(root, 'data');
    const lines: string[] = [];
    server = await start(dataDir, lines);
    const database = path.join(dataDir, 'beacon.sqlite');

    expect(modeOf(dataDir).toString(8)).toBe('700');
    for (const file of [
      database,
      `${database}-wal`,
      `${database}-shm`,
      path.join(dataDir, 'initial-admin-password'),
    ])
      expect(modeOf(file).toString(8), file).toBe('600');

    const backup = path.join(root, 'backup.sqlite');
    await server.ctx.store.backup(backup);
    expect(modeOf(backup).toString(8)).toBe('600');
    expect(fs.statSync(backup).size).toBeGreaterThan(0);
    // Nothing to warn about in a directory Beacon made itself.
    expect(lines.join('')).not.toMatch(/open to other users/);
  });

  it('tightens a database file others could read and warns about a directory open to them', async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-modes-'));
    const dataDir = path.join(root, 'data');
    server = await start(dataDir);
    await server.close();
    const database = path.join(dataDir, 'beacon.sqlite');
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(database, 0o644);

    const lines: string[] = [];
    server = await start(dataDir, lines);
    const warnings = lines
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .filter((l) => l.level === 40);
    expect(warnings.map((w) => w.msg)).toEqual(
      expect.arrayContaining([
        `the database directory ${dataDir} is open to other users (mode 755); run chmod 700 ${dataDir}`,
        `${database} was open to other users (mode 644); its mode is now 600`,
      ]),
    );
    expect(modeOf(database).toString(8)).toBe('600');
    expect(modeOf(`${database}-wal`).toString(8)).toBe('600');
    // A directory that already existed is the operator's: warned about, not changed.
    expect(modeOf(dataDir).toString(8)).toBe('755');
  });
});
