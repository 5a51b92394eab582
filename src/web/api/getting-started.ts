import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Integration } from '../../core/schemas/alerting.js';
import type { GettingStarted, TestAlertResult } from '../../core/schemas/getting-started.js';
import { api, get } from './client.js';

const key = ['getting-started'];

/** The signed-in person's getting-started checklist, ticked by the server from real state. */
export function useGettingStarted() {
  return useQuery({
    queryKey: key,
    queryFn: () => get<GettingStarted>('/api/v1/me/getting-started'),
    // Steps tick from what happens anywhere (another tab, a page reaching a phone): read afresh.
    staleTime: 0,
    refetchOnMount: 'always',
    refetchInterval: 15_000,
  });
}

/** Hide the checklist (`true`) or show it again (`false`). */
export function useDismissGettingStarted() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (isDismissed: boolean) =>
      api<GettingStarted>(isDismissed ? 'PUT' : 'DELETE', '/api/v1/me/getting-started/dismissed'),
    onSuccess: (data) => client.setQueryData(key, data),
  });
}

/** Every integration of every service (for the checklist's test alert). */
export function useAllIntegrations() {
  return useQuery({
    queryKey: ['integrations', 'all'],
    queryFn: async () => (await get<{ items: Integration[] }>('/api/v1/integrations')).items,
  });
}

/** Send a test alert as if the integration had sent it; refreshes alerts, incidents and the checklist. */
export function useSendTestAlert() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (integrationId: number) =>
      api<TestAlertResult>('POST', `/api/v1/integrations/${integrationId}/test-alert`),
    onSuccess: () =>
      Promise.all([key, ['alerts'], ['incidents']].map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}
