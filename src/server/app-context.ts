import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import { NO_INTERNAL_TARGETS, type OutboundAllowList } from '../core/net/address-policy.js';
import type { AppContext } from './commands/context.js';
import { openStore } from './store/store.js';

/** Open the database, apply pending migrations and return the context use cases run with. */
export async function openAppContext(
  config: { databaseUrl: string; outboundAllow?: OutboundAllowList },
  options: { clock?: Clock; schema?: string } = {},
): Promise<AppContext> {
  const store = openStore(config.databaseUrl, options.schema ? { schema: options.schema } : {});
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    store,
    clock: options.clock ?? systemClock,
    outboundAllow: config.outboundAllow ?? NO_INTERNAL_TARGETS,
    onIncidentsChanged: () => undefined,
  };
}
