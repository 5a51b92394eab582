import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RecurrenceMark, ServiceRepeatRate, SimilarIncidentList } from '../../core/schemas/similar.js';
import { api, get } from './client.js';
import { incidentsKey } from './incidents.js';

/** Every similar-incidents query starts with this key. */
export const similarKey = ['similar'] as const;

/** Similar past incidents of one incident, with its recurrence marks. */
export function useSimilarIncidents(incidentRef: string, limit = 5) {
  return useQuery({
    queryKey: [...similarKey, incidentRef, limit],
    queryFn: () =>
      get<SimilarIncidentList>(`/api/v1/incidents/${encodeURIComponent(incidentRef)}/similar`, { limit }),
  });
}

/** A service's repeat-incident rate over the last `days`. */
export function useServiceRepeats(serviceId: number, days = 90) {
  return useQuery({
    queryKey: [...similarKey, 'service', serviceId, days],
    queryFn: () => get<ServiceRepeatRate>(`/api/v1/services/${serviceId}/repeats`, { days }),
  });
}

function useRefresh() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: similarKey });
    void client.invalidateQueries({ queryKey: incidentsKey });
  };
}

/** Mark an incident as a recurrence of an earlier one. */
export function useMarkRecurrence(incidentRef: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (recurrenceOf: string) =>
      api<RecurrenceMark>('POST', `/api/v1/incidents/${encodeURIComponent(incidentRef)}/recurrence`, {
        recurrenceOf,
      }),
    onSettled: refresh,
  });
}

/** Undo an incident's recurrence mark. */
export function useUnmarkRecurrence(incidentRef: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: () => api<null>('DELETE', `/api/v1/incidents/${encodeURIComponent(incidentRef)}/recurrence`),
    onSettled: refresh,
  });
}
