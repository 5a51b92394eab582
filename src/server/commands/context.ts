import type { Clock } from '../../core/clock.js';
import type { OutboundAllowList } from '../../core/net/address-policy.js';
import type { Role } from '../../core/roles.js';
import type { Actor } from '../../core/schemas/timeline.js';
import type { Store } from '../store/store.js';

/** What every use case runs with: the database, the clock and a way to announce changes. */
export interface AppContext {
  store: Store;
  clock: Clock;
  /** Internal targets webhooks, chat and checks may reach (BEACON_OUTBOUND_ALLOW). */
  outboundAllow: OutboundAllowList;
  /** Called after a commit that changed incidents, so live views update at once. */
  onIncidentsChanged(): void;
  /** Called after a user's password changed (the first start's password file goes then). */
  onPasswordChanged?: (userId: number) => void;
}

/** The person (or their API token) making a request. */
export interface Caller {
  userId: number;
  name: string;
  email: string;
  role: Role;
  /** Set when the caller authenticated with an API token. */
  tokenId?: number;
}

/** The timeline actor for a caller. */
export function actorOf(caller: Caller): Actor {
  return { type: 'user', id: caller.userId, name: caller.name };
}

/** Milliseconds → ISO timestamp (null stays null). */
export function iso(ms: number): string;
export function iso(ms: number | null): string | null;
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
