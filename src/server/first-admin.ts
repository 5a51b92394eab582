import fs from 'node:fs';
import path from 'node:path';
import { ValidationError } from '../core/errors.js';
import type { AppContext } from './commands/context.js';
import { randomSecret, verifyPassword } from './commands/secrets.js';
import { createUser } from './commands/users.js';
import type { Config } from './config.js';
import { countUsers, findUserByEmail } from './store/queries/users.js';

/** Where the first start writes the generated admin password. */
export function initialPasswordFile(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'initial-admin-password');
}

/**
 * At first start (no users yet) create the first admin: from BEACON_ADMIN_EMAIL and
 * BEACON_ADMIN_PASSWORD, or else admin@beacon.local with a generated password that is
 * printed once and written to <data dir>/initial-admin-password. That file is removed as
 * soon as the password is changed (see `forgetInitialPassword`).
 */
export async function ensureFirstAdmin(
  ctx: AppContext,
  config: Config,
  say: (line: string) => void,
): Promise<void> {
  if ((await countUsers(ctx.store.db)) > 0) return forgetInitialPassword(ctx, config, say);
  const email = config.adminEmail ?? 'admin@beacon.local';
  const generated = config.adminPassword === undefined;
  const password = config.adminPassword ?? randomSecret(12);
  // Only a new password is checked: set-ups that already have users start as before.
  await createUser(ctx, null, { email, name: 'Admin', role: 'admin', password }).catch((error: unknown) => {
    if (error instanceof ValidationError && error.fields[0]?.field === 'password')
      throw new Error(`invalid configuration: BEACON_ADMIN_PASSWORD: ${error.fields[0].message}`);
    throw error;
  });
  if (!generated) {
    say(`Created the first admin, ${email}.`);
    return;
  }
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const file = initialPasswordFile(config);
  fs.writeFileSync(file, `${email}\n${password}\n`, { mode: 0o600 });
  say(
    `Created the first admin. Sign in as ${email} with password ${password} (also in ${file}); change it after signing in.`,
  );
  return forgetInitialPassword(ctx, config, say);
}

/**
 * The generated password file lives only as long as the password in it: it is removed at
 * start when the password no longer works (changed while Beacon was stopped, or the user is
 * gone), and otherwise as soon as that user's password changes.
 */
async function forgetInitialPassword(
  ctx: AppContext,
  config: Config,
  say: (line: string) => void,
): Promise<void> {
  const file = initialPasswordFile(config);
  let content: string;
  try {
    content = fs.readFileSync(file, 'utf8');
  } catch {
    return; // no file: nothing to forget
  }
  const [email = '', password = ''] = content.split('\n');
  const user = await findUserByEmail(ctx.store.db, email);
  const remove = () => {
    fs.rmSync(file, { force: true });
    say(`Removed ${file}: the first admin's password was changed.`);
  };
  if (!user || !(await verifyPassword(user.password_hash, password))) return remove();
  const earlier = ctx.onPasswordChanged;
  ctx.onPasswordChanged = (userId) => {
    earlier?.(userId);
    if (userId === user.id && fs.existsSync(file)) remove();
  };
}
