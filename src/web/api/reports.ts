import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Incident } from '../../core/schemas/incident.js';
import type { AffectedCustomerList, Report, ReportPage, ReportSource } from '../../core/schemas/reports.js';
import { api, get } from './client.js';
import { incidentsKey } from './incidents.js';

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

/** The reports linked to one incident, with their messages (the first page, newest first). */
export function useIncidentReports(incidentRef: string) {
  return useQuery({
    queryKey: [...reportsKey, 'list-of', incidentRef],
    queryFn: () => get<ReportPage>(base, { incident: incidentRef, limit: 50 }),
  });
}

/** The affected customers of one incident: who reported it, why linked, whether told. */
export function useAffectedCustomers(incidentRef: string) {
  return useQuery({
    queryKey: [...reportsKey, 'affected', incidentRef],
    queryFn: () => get<AffectedCustomerList>(`/api/v1/incidents/${encodeURIComponent(incidentRef)}/reports`),
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
