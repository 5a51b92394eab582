import type { Insertable } from 'kysely';
import type { AuditLogTable } from '../schema.js';
import type { Executor } from '../store.js';
import { auditRows } from './rows/audit.js';

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
    .values(
      auditRows.encode<Insertable<AuditLogTable>>({
        at: record.at,
        actor_id: record.actorId,
        action: record.action,
        target_type: record.targetType,
        target_id: record.targetId === null ? null : String(record.targetId),
        data: record.data ?? null,
      }),
    )
    .execute();
}

/** Audit records newest first, before id `beforeId` when paging. */
export async function listAudit(db: Executor, limit: number, beforeId?: number) {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .selectAll('audit_log')
    .select(['users.name as actor_name', 'users.email as actor_email']);
  if (beforeId !== undefined) q = q.where('audit_log.id', '<', beforeId);
  const rows = await q
    .orderBy('audit_log.id', 'desc')
    .limit(limit + 1)
    .execute();
  return rows.map(auditRows.decode);
}
