import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  Check,
  CheckResult,
  CreateCheckBody,
  UpdateCheckBody,
  UptimeDay,
} from '../../core/schemas/checks.js';
import { api, get } from './client.js';

export type { Check, CheckResult, UptimeDay };

// Copied from core/schemas/checks.ts, which pulls zod into the bundle.
export const CHECK_TYPES = ['http', 'tcp', 'heartbeat'] as const;
export type CheckType = (typeof CHECK_TYPES)[number];

const v1 = '/api/v1';

/** Checks run on their own schedule: refresh what the page shows now and then. */
const CHECK_REFRESH_MS = 30_000;
/** A new check shows its first result within seconds: look sooner while one is pending. */
const PENDING_REFRESH_MS = 3_000;

/** Every check, or those of one service. */
export function useChecks(serviceId?: number) {
  return useQuery({
    queryKey: ['checks', 'list', serviceId ?? 'all'],
    queryFn: async () => (await get<{ items: Check[] }>(`${v1}/checks`, { serviceId })).items,
    refetchInterval: (query) =>
      query.state.data?.some((c) => c.status === 'pending') ? PENDING_REFRESH_MS : CHECK_REFRESH_MS,
  });
}

/** One check. */
export function useCheck(id: string) {
  return useQuery({
    queryKey: ['checks', 'detail', id],
    queryFn: () => get<Check>(`${v1}/checks/${encodeURIComponent(id)}`),
    refetchInterval: (query) =>
      query.state.data?.status === 'pending' ? PENDING_REFRESH_MS : CHECK_REFRESH_MS,
  });
}

/**
 * The latest runs of a check, newest first. Pass the check's `lastCheckedAt` so a new run
 * (seen on the check itself) loads the results again at once.
 */
export function useCheckResults(id: number, lastCheckedAt: string | null, limit = 200) {
  return useQuery({
    queryKey: ['checks', 'results', id, limit, lastCheckedAt],
    placeholderData: keepPreviousData,
    queryFn: async () => (await get<{ items: CheckResult[] }>(`${v1}/checks/${id}/results`, { limit })).items,
    refetchInterval: CHECK_REFRESH_MS,
  });
}

/** Daily uptime of a check over the last `days` UTC days. */
export function useCheckUptime(id: number, days = 30) {
  return useQuery({
    queryKey: ['checks', 'uptime', id, days],
    queryFn: async () => (await get<{ days: UptimeDay[] }>(`${v1}/checks/${id}/uptime`, { days })).days,
    refetchInterval: 5 * 60_000,
  });
}

/** Create a check for a service. */
export const createCheck = ({ serviceId, ...body }: CreateCheckBody & { serviceId: number }) =>
  api<Check>('POST', `${v1}/services/${serviceId}/checks`, body);

/** Change, pause or resume a check. */
export const updateCheck = ({ id, ...body }: UpdateCheckBody & { id: number }) =>
  api<Check>('PATCH', `${v1}/checks/${id}`, body);

/** Delete a check and its results. */
export const deleteCheck = (id: number) => api<undefined>('DELETE', `${v1}/checks/${id}`);
