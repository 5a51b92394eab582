/** Paging: escalation policies, an incident's escalation, my contact methods and rules, the outbox. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ContactMethod,
  ContactMethodBody,
  EscalationPolicy,
  EscalationPolicyBody,
  EscalationPolicyPatch,
  EscalationState,
  NotificationRule,
  OutboxItem,
  PagingPreview,
  ReassignBody,
} from '../../core/schemas/oncall.js';
import type { AddedContactMethod } from '../../core/schemas/delivery.js';
import { ApiError, api, get } from './client.js';
import { myWarningsKey } from './delivery.js';
import { incidentsKey } from './incidents.js';

const policiesKey = ['escalation-policies'] as const;
const contactMethodsKey = ['me', 'contact-methods'] as const;
const rulesKey = ['me', 'notification-rules'] as const;
const outboxKey = ['notifications'] as const;
const incidentPath = (ref: string) => `/api/v1/incidents/${encodeURIComponent(ref)}`;

/** A notification status of the outbox (`dead`: given up after the last attempt). */
export type OutboxStatus = OutboxItem['status'];

/** A person's notification rules and whether they are the default (email to the account address). */
export interface NotificationRules {
  rules: NotificationRule[];
  isDefault: boolean;
}

/** Every escalation policy, with its steps and the services that use it. */
export function usePolicies() {
  return useQuery({
    queryKey: policiesKey,
    queryFn: async () => (await get<{ items: EscalationPolicy[] }>('/api/v1/escalation-policies')).items,
  });
}

/** One escalation policy (disabled while `id` is null). */
export function usePolicy(id: number | null) {
  return useQuery({
    queryKey: [...policiesKey, id],
    queryFn: () => get<EscalationPolicy>(`/api/v1/escalation-policies/${String(id)}`),
    enabled: id !== null,
  });
}

/** Create a policy, or change one when `id` is given (steps are replaced as a whole). */
export function useSavePolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: EscalationPolicyBody | EscalationPolicyPatch }) =>
      id === null
        ? api<EscalationPolicy>('POST', '/api/v1/escalation-policies', body)
        : api<EscalationPolicy>('PATCH', `/api/v1/escalation-policies/${id}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: policiesKey }),
  });
}

/** Delete a policy (admins); its services stop paging. */
export function useDeletePolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<undefined>('DELETE', `/api/v1/escalation-policies/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: policiesKey }),
  });
}

/** Choose the policy that pages for a service's incidents (null: none). */
export function useSetServicePolicy(serviceId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (policyId: number | null) =>
      api<{ serviceId: number; policyId: number | null }>(
        'PATCH',
        `/api/v1/services/${serviceId}/escalation-policy`,
        { policyId },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: policiesKey }),
  });
}

/** Schedules by name, for the step editor and "reassign to whoever is on call". */
export function useScheduleChoices() {
  return useQuery({
    queryKey: ['paging', 'schedule-choices'],
    queryFn: async () =>
      (
        await get<{ items: { id: number; name: string; onCall: { userName: string | null } }[] }>(
          '/api/v1/schedules',
        )
      ).items.map((s) => ({ id: s.id, name: s.name, onCallName: s.onCall.userName })),
  });
}

/** Where an incident's escalation stands (refreshed with the incident's live updates). */
export function useEscalation(ref: string) {
  return useQuery({
    queryKey: [...incidentsKey, 'escalation', ref],
    queryFn: () => get<EscalationState>(`${incidentPath(ref)}/escalation`),
  });
}

/** Who declaring an incident on `serviceIds` as triggered would page first, or why nobody. */
export function usePagingPreview(serviceIds: readonly number[]) {
  const ids = [...serviceIds].sort((a, b) => a - b).join(',');
  return useQuery({
    queryKey: ['paging-preview', ids],
    queryFn: () => get<PagingPreview>(`/api/v1/paging-preview${ids ? `?serviceIds=${ids}` : ''}`),
  });
}

/** Fire the incident's next escalation step now. */
export function useEscalateNow(ref: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<EscalationState>('POST', `${incidentPath(ref)}/escalate`),
    onSuccess: () => client.invalidateQueries({ queryKey: incidentsKey }),
  });
}

/** Notify other people now: users, or whoever a schedule has on call. */
export function useReassign(ref: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ReassignBody) =>
      api<{ notified: string[] }>('POST', `${incidentPath(ref)}/reassign`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: incidentsKey }),
  });
}

/** My contact methods. */
export function useContactMethods() {
  return useQuery({
    queryKey: contactMethodsKey,
    queryFn: async () => (await get<{ items: ContactMethod[] }>('/api/v1/me/contact-methods')).items,
  });
}

/** Add a contact method (my first, with no rules, also gets a rule: `addedRule`). */
export function useAddContactMethod() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactMethodBody) =>
      api<AddedContactMethod>('POST', '/api/v1/me/contact-methods', body),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: contactMethodsKey }),
        client.invalidateQueries({ queryKey: rulesKey }),
        client.invalidateQueries({ queryKey: myWarningsKey }),
      ]),
  });
}

/** Remove a contact method; the rules using it go with it. */
export function useRemoveContactMethod() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<undefined>('DELETE', `/api/v1/me/contact-methods/${id}`),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: contactMethodsKey }),
        client.invalidateQueries({ queryKey: rulesKey }),
        client.invalidateQueries({ queryKey: myWarningsKey }),
      ]),
  });
}

/** My notification rules. */
export function useNotificationRules() {
  return useQuery({
    queryKey: rulesKey,
    queryFn: () => get<NotificationRules>('/api/v1/me/notification-rules'),
  });
}

/** Replace my notification rules (none: the default, email to my account address at once). */
export function useSaveNotificationRules() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (rules: NotificationRule[]) =>
      api<NotificationRules>('PUT', '/api/v1/me/notification-rules', { rules }),
    onSuccess: (saved) => {
      client.setQueryData(rulesKey, saved);
      return client.invalidateQueries({ queryKey: myWarningsKey });
    },
  });
}

/** Outgoing notifications, newest first, optionally of one status (admins). */
export function useOutbox(status: OutboxStatus | null, limit: number) {
  return useQuery({
    queryKey: [...outboxKey, status, limit],
    queryFn: async () =>
      (await get<{ items: OutboxItem[] }>('/api/v1/notifications', { status, limit })).items,
    refetchInterval: 5_000,
  });
}

/** Send a dead notification again, with fresh attempts (admins). */
export function useRetryNotification() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<OutboxItem>('POST', `/api/v1/notifications/${id}/retry`),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: outboxKey }),
        client.invalidateQueries({ queryKey: ['admin', 'warnings'] }),
      ]),
  });
}

/** `steps[1].targets` (from a use case) and `steps.1.targets` (from the schema) name the same field. */
export function normalField(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1').replace(/^body\./, '');
}

/** The server's message for `path`, or (unless `isExact`) anything below it (`steps.0.targets.1.id`). */
export function errorAt(error: unknown, path: string, isExact = false): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.fields.find((f) => {
    const field = normalField(f.field);
    return field === path || (!isExact && field.startsWith(`${path}.`));
  })?.message;
}
