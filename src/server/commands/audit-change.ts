import { appendAudit } from '../store/queries/audit.js';
import type { Executor } from '../store/store.js';
import type { Caller } from './context.js';

/** Keys whose values are never written to the audit log, at any depth. */
const SECRET_KEY = /secret|token|password|^key$|apikey|authorization/i;

/** `data` with every secret-looking field left out (keys only: the values are not inspected). */
export function withoutSecrets(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(withoutSecrets);
  if (data === null || typeof data !== 'object') return data;
  return Object.fromEntries(
    Object.entries(data)
      .filter(([key]) => !SECRET_KEY.test(key))
      .map(([key, value]) => [key, withoutSecrets(value)]),
  );
}

/**
 * Record a configuration change in the audit log, in the caller's transaction. The target
 * type is the action's prefix (`service.update` → `service`); secret fields are left out.
 * No caller means Beacon itself (start-up, the command line).
 */
export async function auditChange(
  tx: Executor,
  caller: Pick<Caller, 'userId'> | null | undefined,
  at: number,
  action: `${string}.${string}`,
  targetId: string | number | null,
  data?: Record<string, unknown> | null,
): Promise<void> {
  await appendAudit(tx, {
    at,
    actorId: caller?.userId ?? null,
    action,
    targetType: action.slice(0, action.indexOf('.')),
    targetId,
    data: data ? (withoutSecrets(data) as Record<string, unknown>) : null,
  });
}
