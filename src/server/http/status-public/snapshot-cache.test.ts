import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../core/clock.js';
import type { IncidentChange, IncidentChangeSource } from '../../commands/incident-changes.js';
import { statusFixture } from '../../../../test/support/status/status-fixture.js';
import { StatusSnapshotCache } from './snapshot-cache.js';

/** A change source the test fires by hand. */
class ManualChanges implements IncidentChangeSource {
  private listeners = new Set<(change: IncidentChange) => void>();
  subscribe(listener: (change: IncidentChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  fire(): void {
    for (const listener of this.listeners)
      listener({ ref: 'INC-1', number: 1, kind: 'status', status: 'resolved', version: 2 });
  }
}

describe('StatusSnapshotCache', () => {
  it('loads once, reloads when an incident changes, and coalesces looks', async () => {
    let loads = 0;
    let failing = false;
    const changes = new ManualChanges();
    const cache = new StatusSnapshotCache(
      {
        load: () => {
          loads += 1;
          return failing ? Promise.reject(new Error('database is locked')) : Promise.resolve(statusFixture());
        },
        version: () => Promise.resolve(7),
      },
      { clock: new ManualClock(), changes, pollMs: 3_600_000 },
    );
    expect(cache.peek()).toBeUndefined();
    const page = await cache.current();
    expect(page.version).toBe(7);
    expect(page.json.get('status.json')?.etag).toMatch(/^"7-/);
    expect(await cache.current()).toBe(page);
    cache.start();
    await Promise.all([cache.refresh(), cache.refresh()]);
    expect(loads).toBe(1);
    changes.fire();
    await Promise.all([cache.refresh(), cache.refresh()]);
    expect(loads).toBe(2);
    expect(cache.peek()).not.toBe(page);
    // A failed reload keeps the page; the next change tries again.
    const held = cache.peek();
    failing = true;
    changes.fire();
    await cache.refresh();
    expect(cache.peek()).toBe(held);
    await cache.stop();
    // After stop, changes are no longer heard.
    failing = false;
    changes.fire();
    await cache.refresh();
    expect(loads).toBe(3);
  });

  it('fails the first request when the very first load fails', async () => {
    const cache = new StatusSnapshotCache(
      { load: () => Promise.reject(new Error('down')), version: () => Promise.resolve(1) },
      { clock: new ManualClock() },
    );
    await expect(cache.current()).rejects.toThrow('down');
  });
});
