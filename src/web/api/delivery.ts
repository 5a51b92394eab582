/** Failures made visible: an incident's deliveries, admin warnings, my warnings, test notifications. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdminWarning, IncidentDelivery, TestNotification } from '../../core/schemas/delivery.js';
import { api, get } from './client.js';
import { incidentsKey } from './incidents.js';

const adminWarningsKey = ['admin', 'warnings'] as const;
/** My notification warnings; refreshed when my contact methods or rules change. */
export const myWarningsKey = ['me', 'notification-warnings'] as const;

/** The messages sent (or failing) about an incident; polled while one waits for a retry. */
export function useIncidentDeliveries(ref: string) {
  return useQuery({
    queryKey: [...incidentsKey, 'deliveries', ref],
    queryFn: async () =>
      (await get<{ items: IncidentDelivery[] }>(`/api/v1/incidents/${encodeURIComponent(ref)}/notifications`))
        .items,
    refetchInterval: (query) =>
      (query.state.data ?? []).some((d) => d.status === 'pending' || d.status === 'sending') ? 10_000 : false,
  });
}

/** What admins must act on (dead letters, email not configured); checked every minute. */
export function useAdminWarnings(isAdmin: boolean) {
  return useQuery({
    queryKey: adminWarningsKey,
    queryFn: async () => (await get<{ items: AdminWarning[] }>('/api/v1/admin/warnings')).items,
    enabled: isAdmin,
    refetchInterval: 60_000,
  });
}

/** Hide the dead-letter banner until another message dies. */
export function useDismissDeadLetters() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ dismissed: number }>('POST', '/api/v1/admin/warnings/dead-letters/dismiss'),
    onSuccess: () => client.invalidateQueries({ queryKey: adminWarningsKey }),
  });
}

/** Why my pages would fail now. */
export function useMyNotificationWarnings() {
  return useQuery({
    queryKey: myWarningsKey,
    queryFn: async () => (await get<{ items: string[] }>('/api/v1/me/notification-warnings')).items,
  });
}

/** Send a test notification to one of my contact methods. */
export function useSendTestNotification(contactMethodId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<TestNotification>('POST', `/api/v1/me/contact-methods/${contactMethodId}/test`),
    onSuccess: (test) => client.setQueryData(testKey(contactMethodId), test),
  });
}

/** The latest test notification of a contact method, polled until it is sent or failed. */
export function useTestNotification(contactMethodId: number, isStarted: boolean) {
  return useQuery({
    queryKey: testKey(contactMethodId),
    queryFn: () => get<TestNotification>(`/api/v1/me/contact-methods/${contactMethodId}/test`),
    enabled: isStarted,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'pending' || status === 'sending' ? 1_000 : false;
    },
  });
}

function testKey(contactMethodId: number) {
  return ['me', 'contact-methods', contactMethodId, 'test'] as const;
}
