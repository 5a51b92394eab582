import type { AppContext } from '../server/commands/context.js';

/** Run `work` against the database of this machine's configuration, then close it. */
export async function withLocalContext<T>(work: (ctx: AppContext) => Promise<T>): Promise<T> {
  const { loadConfig } = await import('../server/config.js');
  const { openAppContext } = await import('../server/app-context.js');
  const ctx = await openAppContext(loadConfig());
  try {
    return await work(ctx);
  } finally {
    await ctx.store.close();
  }
}
