import type { Executor } from '../store.js';

/** One administrative action to record. */
export interface AuditRecord {
  at: number;
  actorId: number | null;
  action: string;
  targetType: string;
  targetId: string | number | null;
  data?: Record<string, unknown> | null;
}

/** Append an audit record (in the caller's transaction). */
export async function appendAudit(tx: Executor, record: AuditRecord): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      at: record.at,
      actor_id: record.actorId,
      action: record.action,
      target_type: record.targetType,
      target_id: record.targetId === null ? null : String(record.targetId),
      data: record.data ? JSON.stringify(record.data) : null,
    })
    .execute();
}

/** Audit records newest first, before id `beforeId` when paging. */
export function listAudit(db: Executor, limit: number, beforeId?: number) {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .selectAll('audit_log')
    .select(['users.name as actor_name', 'users.email as actor_email']);
  if (beforeId !== undefined) q = q.where('audit_log.id', '<', beforeId);
  return q
    .orderBy('audit_log.id', 'desc')
    .limit(limit + 1)
    .execute();
}
