import { hasRole } from '../../../core/roles.js';
import type { Check } from '../../../core/schemas/checks.js';
import type { CheckWithService } from '../../store/queries/checks.js';
import { type Caller, iso } from '../context.js';
import { parseCheck } from './check-config.js';

/** How a caller sees checks: heartbeat ping URLs (which hold the secret) only for responders up. */
export interface CheckViewer {
  /** Base URL ping URLs start with; null hides them. */
  pingBase: string | null;
}

/** The view of checks `caller` gets, with ping URLs under Beacon's `baseUrl`. */
export function checkViewerFor(caller: Caller, baseUrl: string): CheckViewer {
  return { pingBase: hasRole(caller.role, 'responder') ? baseUrl : null };
}

/** The URL a heartbeat's job calls: the token in it is the secret. */
export function pingUrlOf(baseUrl: string, token: string): string {
  return `${baseUrl}/integrations/heartbeat/${token}`;
}

/** A check as the API shows it. */
export function viewCheck(row: CheckWithService, viewer: CheckViewer): Check {
  const check = parseCheck(row);
  return {
    id: check.id,
    service: { id: check.service_id, name: row.service_name },
    name: check.name,
    type: check.type,
    config: check.config,
    intervalSeconds: check.interval_seconds,
    timeoutMs: check.timeout_ms,
    retries: check.retries,
    status: check.status,
    lastCheckedAt: iso(check.last_checked_at),
    lastMessage: check.last_message,
    lastLatencyMs: row.last_latency_ms,
    pingUrl:
      viewer.pingBase !== null && check.heartbeat_token !== null
        ? pingUrlOf(viewer.pingBase, check.heartbeat_token)
        : null,
    createdAt: iso(check.created_at),
    updatedAt: iso(check.updated_at),
  };
}
