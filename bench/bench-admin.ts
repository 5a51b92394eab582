import { systemClock } from '../src/core/clock.js';
import { NO_INTERNAL_TARGETS } from '../src/core/net/address-policy.js';
import type { AppContext } from '../src/server/commands/context.js';
import { createTokenForEmail } from '../src/server/commands/tokens.js';
import { createUser } from '../src/server/commands/users.js';
import type { Store } from '../src/server/store/store.js';

/** The commands' context for seeding a bench database (real clock, no live updates). */
export function benchContext(store: Store): AppContext {
  return {
    store,
    clock: systemClock,
    outboundAllow: NO_INTERNAL_TARGETS,
    onIncidentsChanged: () => undefined,
  };
}

/** The bench's admin in a migrated database. */
export function createBenchAdmin(ctx: AppContext) {
  return createUser(ctx, null, {
    email: 'bench@example.com',
    name: 'Bench Admin',
    role: 'admin',
    password: 'quartz-lantern-bench-7391',
  });
}

/** Migrate `store`, create the bench's admin and an API token of theirs. */
export async function benchAdminWithToken(store: Store) {
  await store.migrate();
  const ctx = benchContext(store);
  const user = await createBenchAdmin(ctx);
  const { token } = await createTokenForEmail(ctx, { email: user.email, name: 'bench' });
  return { ctx, user, token };
}
