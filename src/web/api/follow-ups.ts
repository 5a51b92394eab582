import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateFollowUpBody,
  FollowUp,
  FollowUpPage,
  FollowUpPriority,
  FollowUpState,
  IncidentFollowUps,
  UpdateFollowUpBody,
} from '../../core/schemas/follow-ups.js';
import { api, get } from './client.js';
import { incidentsKey } from './incidents.js';

/** Filters of the follow-ups page, as kept in the URL (empty: any). */
export interface FollowUpFilters {
  /** One state, `open` (open or in progress, the default) or empty for all. */
  state: '' | 'open' | FollowUpState;
  overdue: '' | 'true';
  mine: '' | 'true';
  ownerId: string;
  teamId: string;
  serviceId: string;
  priority: '' | FollowUpPriority;
  sort: 'newest' | 'due';
}

/*
 * Follow-ups live under the incidents key: the live stream refreshes incident queries, and a
 * follow-up's change (done, a new one) is an incident change to the pages showing it.
 */
const followUpsKey = [...incidentsKey, 'follow-ups'] as const;
const base = '/api/v1/follow-ups';

/** The query string of the list for these filters. */
function listQuery(filters: FollowUpFilters) {
  const { state, ...rest } = filters;
  return { ...rest, ...(state === 'open' ? { open: 'true' } : { state }) };
}

/** Follow-ups across incidents, paged by cursor ("load more"). */
export function useFollowUpList(filters: FollowUpFilters) {
  return useInfiniteQuery({
    queryKey: [...followUpsKey, 'list', filters],
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      get<FollowUpPage>(base, { ...listQuery(filters), limit: 50, cursor: pageParam }),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** One follow-up by id (the one a `?focus=` link asks for); off while `id` is null. */
export function useFollowUp(id: number | null) {
  return useQuery({
    queryKey: [...followUpsKey, 'one', id],
    queryFn: () => get<FollowUp>(`${base}/${String(id)}`),
    enabled: id !== null,
  });
}

/** One incident's follow-ups and how many are still open. */
export function useIncidentFollowUps(ref: string) {
  return useQuery({
    queryKey: [...followUpsKey, 'of', ref],
    queryFn: () => get<IncidentFollowUps>(`/api/v1/incidents/${encodeURIComponent(ref)}/follow-ups`),
  });
}

/** Refresh everything a follow-up shows on: lists, incidents, their reviews. */
function useRefresh() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: incidentsKey });
    void client.invalidateQueries({ queryKey: ['reviews'] });
  };
}

/** Create a follow-up; with `incidentRef`, linked to that incident. */
export function useCreateFollowUp(incidentRef?: string) {
  const refresh = useRefresh();
  const path = incidentRef ? `/api/v1/incidents/${encodeURIComponent(incidentRef)}/follow-ups` : base;
  return useMutation({
    mutationFn: (body: Partial<CreateFollowUpBody> & { title: string }) => api<FollowUp>('POST', path, body),
    onSuccess: refresh,
  });
}

/** Edit a follow-up or move its state, guarded by the version it was read at. */
export function useUpdateFollowUp() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UpdateFollowUpBody }) =>
      api<FollowUp>('PATCH', `${base}/${String(id)}`, body),
    onSuccess: refresh,
  });
}

/** Delete a follow-up. */
export function useDeleteFollowUp() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: number) => api<undefined>('DELETE', `${base}/${String(id)}`),
    onSuccess: refresh,
  });
}
