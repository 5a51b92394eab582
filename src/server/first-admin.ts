import fs from 'node:fs';
import path from 'node:path';
import { ValidationError } from '../core/errors.js';
import type { AppContext } from './commands/context.js';
import { randomSecret } from './commands/secrets.js';
import { createUser } from './commands/users.js';
import type { Config } from './config.js';
import { countUsers } from './store/queries/users.js';

/**
 * At first start (no users yet) create the first admin: from BEACON_ADMIN_EMAIL and
 * BEACON_ADMIN_PASSWORD, or else admin@beacon.local with a generated password that is
 * printed once and written to <data dir>/initial-admin-password.
 */
export async function ensureFirstAdmin(
  ctx: AppContext,
  config: Config,
  say: (line: string) => void,
): Promise<void> {
  if ((await countUsers(ctx.store.db)) > 0) return;
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
  const file = path.join(config.dataDir, 'initial-admin-password');
  fs.writeFileSync(file, `${email}\n${password}\n`, { mode: 0o600 });
  say(
    `Created the first admin. Sign in as ${email} with password ${password} (also in ${file}); change it after signing in.`,
  );
}
