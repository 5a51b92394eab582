import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect, useTestDatabase } from '../../test/support/server/test-database.js';
import type { Caller } from './commands/context.js';
import { changeOwnPassword, updateUser } from './commands/users.js';
import { loadConfig } from './config.js';
import { ensureFirstAdmin, initialPasswordFile } from './first-admin.js';
import { findUserByEmail } from './store/queries/users.js';

const NEW_PASSWORD = 'lantern-orchid-gravel-9';

describeEachDialect('the first admin and the generated password file', (dialect) => {
  const db = useTestDatabase(dialect);
  let dataDir = '';
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-first-admin-'));
  });
  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const config = () => loadConfig({ BEACON_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });

  /** Start as `beacon serve` would; returns the admin and the password the file holds. */
  async function firstStart(): Promise<{ admin: Caller; password: string; lines: string[] }> {
    const lines: string[] = [];
    await ensureFirstAdmin(db().ctx, config(), (line) => lines.push(line));
    const [email = '', password = ''] = fs.readFileSync(initialPasswordFile(config()), 'utf8').split('\n');
    const row = await findUserByEmail(db().ctx.store.db, email);
    if (!row) throw new Error('no first admin');
    return { admin: { userId: row.id, name: row.name, email, role: 'admin' }, password, lines };
  }

  it('removes the file as soon as the admin changes that password', async () => {
    const { admin, password } = await firstStart();
    expect(fs.existsSync(initialPasswordFile(config()))).toBe(true);
    await changeOwnPassword(db().ctx, admin, password, NEW_PASSWORD);
    expect(fs.existsSync(initialPasswordFile(config()))).toBe(false);
  });

  it('keeps the file while the password is unchanged, and removes it at start once it changed', async () => {
    const { admin } = await firstStart();
    await ensureFirstAdmin(db().ctx, config(), () => undefined);
    expect(fs.existsSync(initialPasswordFile(config()))).toBe(true);
    // Changed while this process did not watch (another process, the command line).
    db().ctx.onPasswordChanged = undefined;
    await updateUser(db().ctx, admin, admin.userId, { password: NEW_PASSWORD });
    expect(fs.existsSync(initialPasswordFile(config()))).toBe(true);
    const lines: string[] = [];
    await ensureFirstAdmin(db().ctx, config(), (line) => lines.push(line));
    expect(fs.existsSync(initialPasswordFile(config()))).toBe(false);
    expect(lines.join('\n')).toContain('Removed');
  });
});
