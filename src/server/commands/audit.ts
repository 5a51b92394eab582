import type { AuditEntry } from '../../core/schemas/access.js';
import { listAudit } from '../store/queries/audit.js';
import { type AppContext, iso } from './context.js';

/** A page of the audit log, newest first. */
export async function getAuditLog(
  ctx: AppContext,
  limit: number,
  cursor?: number,
): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const rows = await listAudit(ctx.store.db, limit, cursor);
  const page = rows.slice(0, limit);
  const items = page.map((row) => ({
    id: row.id,
    at: iso(row.at),
    actor:
      row.actor_id === null
        ? null
        : { id: row.actor_id, name: row.actor_name ?? `#${row.actor_id}`, email: row.actor_email ?? '' },
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    data: row.data,
  }));
  const last = page.at(-1);
  return { items, nextCursor: rows.length > limit && last ? String(last.id) : null };
}
