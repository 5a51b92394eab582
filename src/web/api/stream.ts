import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { incidentsKey } from './incidents.js';

/** Queries an incident change may affect: alerts are attached and changes recorded with it. */
const refreshed = [incidentsKey, ['alerts'], ['change-events']] as const;

/** Listen to the server's event stream and refresh incident and alert queries (debounced). */
export function useIncidentStream(enabled: boolean, debounceMs = 300): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/stream', { withCredentials: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onIncident = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        for (const queryKey of refreshed) void client.invalidateQueries({ queryKey });
      }, debounceMs);
    };
    source.addEventListener('incident', onIncident);
    return () => {
      clearTimeout(timer);
      source.removeEventListener('incident', onIncident);
      source.close();
    };
  }, [client, enabled, debounceMs]);
}
