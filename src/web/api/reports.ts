import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Incident } from '../../core/schemas/incident.js';
import { api, get } from './client.js';
import { incidentsKey } from './incidents.js';

// PROVISIONAL shapes until src/core/schemas/reports.ts lands; replaced by its types.
export type ReportSource = 'form' | 'api' | 'email';
export type LinkReason =
  | { kind: 'match'; score: number; sharedTerms: string[]; sameComponent: boolean; minutesApart: number }
  | { kind: 'manual'; by: { id: number; name: string; email: string } | null };
export interface Report {
  ref: string;
  name: string | null;
  email: string | null;
  message: string;
  source: ReportSource;
  receivedAt: string;
  incident: { ref: string; title: string; status: Incident['status'] } | null;
  linkReason: LinkReason | null;
  linkedAt: string | null;
  isTold: boolean;
}
export interface ReportPage {
  items: Report[];
  nextCursor: string | null;
}

/** Filters of the reports inbox, as kept in the URL. */
export interface ReportFilters {
  /** `unlinked`, `linked` or '' for both. */
  linked: '' | 'unlinked' | 'linked';
  source: '' | ReportSource;
  q: string;
}

const base = '/api/v1/reports';

/** Every report query starts with this key, so one invalidation refreshes them all. */
export const reportsKey = ['reports'] as const;

/** The query string the API takes for `filters`. */
function queryOf(filters: ReportFilters) {
  return {
    unlinked: filters.linked === 'unlinked' ? 'true' : filters.linked === 'linked' ? 'false' : '',
    source: filters.source,
    q: filters.q,
  };
}

/** The paged reports inbox, newest first. */
export function useReportList(filters: ReportFilters) {
  return useInfiniteQuery({
    queryKey: [...reportsKey, 'list', filters],
    initialPageParam: '',
    queryFn: ({ pageParam }) => get<ReportPage>(base, { ...queryOf(filters), limit: 50, cursor: pageParam }),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** The reports linked to one incident (its affected customers). */
export function useIncidentReports(incidentRef: string) {
  return useQuery({
    queryKey: [...reportsKey, 'incident', incidentRef],
    queryFn: () => get<ReportPage>(`/api/v1/incidents/${encodeURIComponent(incidentRef)}/reports`),
  });
}

/** Refresh reports and incidents after a change to either. */
function useRefresh() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: reportsKey });
    void client.invalidateQueries({ queryKey: incidentsKey });
  };
}

/** Link (or move) reports to an incident, one request per report. */
export function useLinkReports() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async ({ refs, incidentRef }: { refs: string[]; incidentRef: string }) => {
      for (const ref of refs) {
        await api<Report>('POST', `${base}/${encodeURIComponent(ref)}/link`, { incidentRef });
      }
    },
    onSettled: refresh,
  });
}

/** Unlink one report from its incident. */
export function useUnlinkReport() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (ref: string) => api<Report>('POST', `${base}/${encodeURIComponent(ref)}/unlink`, {}),
    onSettled: refresh,
  });
}

/** Open an incident from a selection of reports, linked to it. */
export function useCreateIncidentFromReports() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { reportRefs: string[]; title: string }) =>
      api<Incident>('POST', `${base}/incident`, body),
    onSuccess: refresh,
  });
}
