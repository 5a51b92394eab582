import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { incidentsKey } from './incidents.js';

/** Listen to the server's event stream and refresh incident queries (debounced). */
export function useIncidentStream(enabled: boolean, debounceMs = 300): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/stream', { withCredentials: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onIncident = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void client.invalidateQueries({ queryKey: incidentsKey }), debounceMs);
    };
    source.addEventListener('incident', onIncident);
    return () => {
      clearTimeout(timer);
      source.removeEventListener('incident', onIncident);
      source.close();
    };
  }, [client, enabled, debounceMs]);
}
