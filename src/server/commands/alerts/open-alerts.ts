import { findOpenAlert, findOpenAlerts } from '../../store/queries/alerts.js';
import type { AlertRecord } from '../../store/queries/alerts.js';
import type { Executor } from '../../store/store.js';

/** Keys looked up per query. */
const CHUNK = 500;

/**
 * The open alerts of one transaction, by service and dedup key: loaded for a whole batch in
 * a few queries instead of one per event. Re-sends (most of the traffic) are then answered
 * from memory. An alert the pipeline changed is forgotten and read again if it comes back.
 */
export class OpenAlerts {
  /** `null`: known to have no open alert. */
  private readonly known = new Map<string, AlertRecord | null>();

  constructor(private readonly tx: Executor) {}

  /** Load the open alerts of `dedupKeys` on a service. */
  async preload(serviceId: number, dedupKeys: readonly string[]): Promise<void> {
    const wanted = [...new Set(dedupKeys)].filter((key) => !this.known.has(keyOf(serviceId, key)));
    for (let i = 0; i < wanted.length; i += CHUNK) {
      const chunk = wanted.slice(i, i + CHUNK);
      for (const key of chunk) this.known.set(keyOf(serviceId, key), null);
      for (const row of await findOpenAlerts(this.tx, serviceId, chunk)) {
        this.known.set(keyOf(serviceId, row.dedup_key), row);
      }
    }
  }

  /** The open alert of a service with this key, if any. */
  async get(serviceId: number, dedupKey: string): Promise<AlertRecord | undefined> {
    const key = keyOf(serviceId, dedupKey);
    const known = this.known.get(key);
    if (known !== undefined) return known ?? undefined;
    const row = await findOpenAlert(this.tx, serviceId, dedupKey);
    this.known.set(key, row ?? null);
    return row;
  }

  /** True when the service is known, from a read in this transaction, to have no open alert with this key. */
  isKnownClosed(serviceId: number, dedupKey: string): boolean {
    return this.known.get(keyOf(serviceId, dedupKey)) === null;
  }

  /** Drop what is known of an alert (it was written). */
  forget(serviceId: number, dedupKey: string): void {
    this.known.delete(keyOf(serviceId, dedupKey));
  }
}

function keyOf(serviceId: number, dedupKey: string): string {
  return `${serviceId}\u0000${dedupKey}`;
}
