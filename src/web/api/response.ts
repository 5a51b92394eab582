import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AddTaskBody,
  AttachedPlan,
  CreatePlanBody,
  IncidentRoles,
  IncidentTask,
  ResponsePlan,
  ResponseRole,
  UpdatePlanBody,
  UpdateTaskBody,
} from '../../core/schemas/response.js';
import { api, get } from './client.js';
import { incidentsKey } from './incidents.js';

const plansKey = ['response-plans'] as const;
const incidentPath = (ref: string) => `/api/v1/incidents/${encodeURIComponent(ref)}`;

/** Every response plan. */
export function usePlans() {
  return useQuery({
    queryKey: plansKey,
    queryFn: async () => (await get<{ items: ResponsePlan[] }>('/api/v1/response-plans')).items,
  });
}

/** Create a plan, or change one when `id` is given. */
export function useSavePlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: CreatePlanBody | UpdatePlanBody }) =>
      id === null
        ? api<ResponsePlan>('POST', '/api/v1/response-plans', body)
        : api<ResponsePlan>('PATCH', `/api/v1/response-plans/${id}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: plansKey }),
  });
}

/** Delete a plan (admins). */
export function useDeletePlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<undefined>('DELETE', `/api/v1/response-plans/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: plansKey }),
  });
}

/** The tasks of one incident (refreshed with the incident's live updates). */
export function useTasks(ref: string) {
  return useQuery({
    queryKey: [...incidentsKey, 'tasks', ref],
    queryFn: async () => (await get<{ items: IncidentTask[] }>(`${incidentPath(ref)}/tasks`)).items,
  });
}

/** The role holders of one incident. */
export function useRoles(ref: string) {
  return useQuery({
    queryKey: [...incidentsKey, 'roles', ref],
    queryFn: async () => (await get<IncidentRoles>(`${incidentPath(ref)}/roles`)).items,
  });
}

/** The plans attached to one incident. */
export function useAttachedPlans(ref: string) {
  return useQuery({
    queryKey: [...incidentsKey, 'plans', ref],
    queryFn: async () => (await get<{ items: AttachedPlan[] }>(`${incidentPath(ref)}/plans`)).items,
  });
}

/** A write to an incident's response; refreshes the incident, its tasks, roles and timeline. */
function useIncidentWrite<T>(request: (body: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => client.invalidateQueries({ queryKey: incidentsKey }),
  });
}

/** Add a task to an incident. */
export function useAddTask(ref: string) {
  return useIncidentWrite((body: AddTaskBody) =>
    api<IncidentTask>('POST', `${incidentPath(ref)}/tasks`, body),
  );
}

/** Change or tick off a task (the checklist shows the tick at once, see `usePendingValues`). */
export function useUpdateTask(ref: string) {
  return useIncidentWrite(({ id, body }: { id: number; body: UpdateTaskBody }) =>
    api<IncidentTask>('PATCH', `${incidentPath(ref)}/tasks/${id}`, body),
  );
}

/** Remove a task. */
export function useRemoveTask(ref: string) {
  return useIncidentWrite((id: number) => api<undefined>('DELETE', `${incidentPath(ref)}/tasks/${id}`));
}

/** Give a role to a user, or clear it. */
export function useAssignRole(ref: string) {
  return useIncidentWrite(({ role, userId }: { role: ResponseRole; userId: number | null }) =>
    api<IncidentRoles>('PUT', `${incidentPath(ref)}/roles/${role}`, { userId }),
  );
}

/** Attach a plan by hand. */
export function useAttachPlan(ref: string) {
  return useIncidentWrite((planId: number) =>
    api<AttachedPlan>('POST', `${incidentPath(ref)}/plans`, { planId }),
  );
}
