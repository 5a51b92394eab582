import type { StatusPageSnapshot } from '../../../core/status/snapshot.js';
import type { AppContext } from '../context.js';

/** The public status page as it is now. */
export function loadStatusSnapshot(ctx: AppContext): Promise<StatusPageSnapshot> {
  const now = ctx.clock.now();
  return Promise.resolve({
    page: {
      id: 'status',
      name: 'Status',
      url: '/status',
      timeZone: 'UTC',
      logoUrl: null,
      brandColor: '#1f6feb',
      updatedAt: now,
    },
    isPrivate: false,
    groups: [],
    components: [],
    incidents: [],
    maintenances: [],
    generatedAt: now,
  });
}

/** A number that changes whenever anything the status page shows changes. */
export function statusPageVersion(_ctx: AppContext): Promise<number> {
  return Promise.resolve(0);
}
