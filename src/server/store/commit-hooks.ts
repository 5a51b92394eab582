import type { Transaction } from 'kysely';
import type { Database } from './schema.js';

/** Work a transaction does last, after everything else it changed (derived rows rewritten). */
type CommitHook = (tx: Transaction<Database>) => Promise<void>;

const hooks: CommitHook[] = [];

/** Run `hook` at the end of every `Store.transaction` from now on (once, however often asked). */
export function runBeforeEveryCommit(hook: CommitHook): void {
  if (!hooks.includes(hook)) hooks.push(hook);
}

/** Run the hooks, in the order they were added; `Store.transaction` calls it before committing. */
export async function beforeCommit(tx: Transaction<Database>): Promise<void> {
  for (const hook of hooks) await hook(tx);
}
