import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { AlertRules } from '../../core/alerts/grouping.js';
import type * as Alerting from '../../core/schemas/alerting.js';
import { api, get } from './client.js';

export type { AlertRules };

/** One line of an alert's history, with the payload as received. */
export interface AlertHistoryEntry {
  id: number;
  at: string;
  kind: string;
  message: string | null;
  payload: unknown;
}

/** An alert with its raw payload and history (`GET /alerts/:id`). */
export type AlertDetail = Alerting.Alert & { payload: unknown; history: AlertHistoryEntry[] };

/** Filters of the alert list, as kept in the URL. */
export interface AlertFilters {
  status: '' | 'open' | 'firing' | 'acknowledged' | 'resolved';
  serviceId: string;
  /** An incident ref ("INC-3"): only its alerts. */
  incident: string;
}

const v1 = '/api/v1';
const enc = (value: string | number) => encodeURIComponent(String(value));

/** Alerts change without a timeline entry (repeats, expiry): refresh lists now and then. */
const ALERT_REFRESH_MS = 15_000;

/** Paged alert list, newest first ("load more" through the cursor). */
export function useAlertList(filters: AlertFilters) {
  return useInfiniteQuery({
    queryKey: ['alerts', 'list', filters],
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      get<{ items: Alerting.Alert[]; nextCursor: string | null }>(`${v1}/alerts`, {
        ...filters,
        limit: 50,
        cursor: pageParam,
      }),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: ALERT_REFRESH_MS,
  });
}

/** The alerts grouped into one incident (first 200). */
export function useIncidentAlerts(ref: string) {
  return useQuery({
    queryKey: ['alerts', 'incident', ref],
    queryFn: async () =>
      (await get<{ items: Alerting.Alert[] }>(`${v1}/alerts`, { incident: ref, limit: 200 })).items,
    refetchInterval: ALERT_REFRESH_MS,
  });
}

/** Open alerts of one service. */
export function useServiceAlerts(serviceId: number) {
  return useQuery({
    queryKey: ['alerts', 'service', serviceId],
    queryFn: async () =>
      (await get<{ items: Alerting.Alert[] }>(`${v1}/alerts`, { serviceId, status: 'open', limit: 20 }))
        .items,
    refetchInterval: ALERT_REFRESH_MS,
  });
}

/** One alert with payload and history. */
export function useAlert(id: string) {
  return useQuery({
    queryKey: ['alerts', 'detail', id],
    queryFn: () => get<AlertDetail>(`${v1}/alerts/${enc(id)}`),
    refetchInterval: ALERT_REFRESH_MS,
  });
}

/** A service's integrations (key prefixes only: keys are shown once, when made). */
export function useIntegrations(serviceId: number) {
  return useQuery({
    queryKey: ['integrations', serviceId],
    queryFn: async () =>
      (await get<{ items: Alerting.Integration[] }>(`${v1}/services/${serviceId}/integrations`)).items,
  });
}

/** A service's alert rules. */
export function useAlertRules(serviceId: number) {
  return useQuery({
    queryKey: ['alert-rules', serviceId],
    queryFn: () => get<AlertRules>(`${v1}/services/${serviceId}/alert-rules`),
  });
}

/** Current and upcoming maintenance windows of a service. */
export function useMaintenance(serviceId: number) {
  return useQuery({
    queryKey: ['maintenance', serviceId],
    queryFn: async () =>
      (await get<{ items: Alerting.MaintenanceWindow[] }>(`${v1}/maintenance`, { serviceId })).items,
    refetchInterval: 60_000,
  });
}

/** Change events of a service, or those around an incident. */
export function useChangeEvents(scope: { serviceId: number } | { incident: string }) {
  return useQuery({
    queryKey: ['change-events', scope],
    queryFn: async () => (await get<{ items: Alerting.ChangeEvent[] }>(`${v1}/change-events`, scope)).items,
  });
}

/** Create an integration (admins); the reply is the only one that carries its key. */
export const createIntegration = ({
  serviceId,
  ...body
}: Alerting.CreateIntegrationBody & { serviceId: number }) =>
  api<Alerting.IntegrationWithKey>('POST', `${v1}/services/${serviceId}/integrations`, body);

/** Rename, disable or enable an integration (admins). */
export const updateIntegration = ({ id, ...body }: Alerting.UpdateIntegrationBody & { id: number }) =>
  api<Alerting.Integration>('PATCH', `${v1}/integrations/${id}`, body);

/** Replace an integration's key; the reply carries the new one, the old one stops working (admins). */
export const rotateIntegration = (id: number) =>
  api<Alerting.IntegrationWithKey>('POST', `${v1}/integrations/${id}/rotate`);

/** Delete an integration (admins). */
export const deleteIntegration = (id: number) => api<undefined>('DELETE', `${v1}/integrations/${id}`);

/** Change a service's alert rules. */
export const updateAlertRules = ({ serviceId, ...patch }: Partial<AlertRules> & { serviceId: number }) =>
  api<AlertRules>('PATCH', `${v1}/services/${serviceId}/alert-rules`, patch);

/** Schedule a maintenance window. */
export const scheduleMaintenance = ({
  serviceId,
  ...body
}: Alerting.CreateMaintenanceBody & { serviceId: number }) =>
  api<Alerting.MaintenanceWindow>('POST', `${v1}/services/${serviceId}/maintenance`, body);

/** End a running maintenance window now, or cancel one not started. */
export const endMaintenance = (id: number) => api<undefined>('DELETE', `${v1}/maintenance/${id}`);
