import { writeFile } from 'node:fs/promises';
import { setupWithoutSecrets } from '../core/import/saved-setup.js';
import type { ImportSetup } from '../core/schemas/import.js';
import { UsageError } from './cli-error.js';
import { writeNotice } from './output.js';

/** The `--save` help line of every `beacon import` source. */
export const SAVE_HELP =
  'write the set-up read to FILE (no keys) instead of posting it; upload it in the web UI under Admin → Import';

/** Refuse `--save` together with a Beacon apply: a saved set-up is planned and applied from the UI. */
export function assertSaveAlone(options: { save?: string; apply?: boolean }): void {
  if (options.save !== undefined && options.apply) throw new UsageError('give --save or --apply, not both');
}

/** Write `setup` (without the integrations' current keys) as JSON to `file`, readable by its owner only. */
export async function saveSetup(file: string, setup: ImportSetup): Promise<void> {
  const saved = setupWithoutSecrets(setup);
  await writeFile(file, `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  writeNotice(
    `saved ${count(saved.users.length, 'user')}, ${count(saved.schedules.length, 'schedule')}, ` +
      `${count(saved.services.length, 'service')} to ${file}; upload it under Admin → Import to see the plan`,
  );
}
