import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  DeclareIncidentBody,
  Incident,
  IncidentPage,
  IncidentSort,
  CloseBody,
  ResolveBody,
  UpdateIncidentBody,
} from '../../core/schemas/incident.js';
import type { TimelineEntry } from '../../core/schemas/timeline.js';
import { api, get } from './client.js';

/** Filters of the incident list, as kept in the URL. */
export interface IncidentFilters {
  status: string[];
  severity: string;
  serviceId: string;
  q: string;
  open: '' | 'true' | 'false';
  sort: IncidentSort;
  /** `true`: only incidents I command or hold a role in. */
  mine: '' | 'true';
  /** `true`: only incidents without a commander. */
  unassigned: '' | 'true';
}

const base = '/api/v1/incidents';

/** Every incident query starts with this key, so one invalidation refreshes them all. */
export const incidentsKey = ['incidents'] as const;

/** Paged incident list ("load more" through the cursor). */
export function useIncidentList(filters: IncidentFilters) {
  return useInfiniteQuery({
    queryKey: [...incidentsKey, 'list', filters],
    initialPageParam: '',
    queryFn: ({ pageParam }) => get<IncidentPage>(base, { ...filters, limit: 50, cursor: pageParam }),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** One incident by ref. */
export function useIncident(ref: string) {
  return useQuery({
    queryKey: [...incidentsKey, 'detail', ref],
    queryFn: () => get<Incident>(`${base}/${encodeURIComponent(ref)}`),
  });
}

/** The timeline of one incident, oldest first. */
export function useTimeline(ref: string) {
  return useQuery({
    queryKey: [...incidentsKey, 'timeline', ref],
    queryFn: () => get<{ items: TimelineEntry[] }>(`${base}/${encodeURIComponent(ref)}/timeline`),
    select: (data) => [...data.items].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id),
  });
}

/** Declare a new incident. */
export function useDeclareIncident() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<DeclareIncidentBody> & { title: string }) => api<Incident>('POST', base, body),
    onSuccess: () => client.invalidateQueries({ queryKey: incidentsKey }),
  });
}

/** An action on one incident: PATCH, lifecycle actions, notes. */
export type IncidentAction =
  | { kind: 'update'; body: UpdateIncidentBody }
  | { kind: 'acknowledge' | 'reopen' | 'decline'; body: { message?: string; version?: number } }
  | { kind: 'status'; body: { status: string; message?: string; version?: number } }
  | { kind: 'resolve'; body: ResolveBody }
  | { kind: 'close'; body: CloseBody }
  | { kind: 'merge'; body: { into: string; version?: number } };

/** Run an action on incident `ref`; refreshes the incident and its timeline. */
export function useIncidentAction(ref: string) {
  const client = useQueryClient();
  const path = `${base}/${encodeURIComponent(ref)}`;
  return useMutation({
    mutationFn: (action: IncidentAction) =>
      action.kind === 'update'
        ? api<Incident>('PATCH', path, action.body)
        : api<Incident>('POST', `${path}/${action.kind}`, action.body),
    onSuccess: (incident) => {
      if (incident.ref === ref) client.setQueryData([...incidentsKey, 'detail', ref], incident);
      // Not awaited: the caller's own onSuccess (close a form, follow a merge) should run at once.
      void client.invalidateQueries({ queryKey: incidentsKey });
    },
  });
}

/** Add a note to the timeline. */
export function useAddNote(ref: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      api<TimelineEntry>('POST', `${base}/${encodeURIComponent(ref)}/notes`, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...incidentsKey, 'timeline', ref] }),
  });
}
