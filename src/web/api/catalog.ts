import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Service, ServiceBody, Team, TeamBody } from '../../core/schemas/catalog.js';
import type { Settings, User } from '../../core/schemas/access.js';
import { api, get } from './client.js';

type Listing<T> = T[] | { items: T[] };

/** Accept either a bare array or `{items}` so list endpoints may page later. */
function itemsOf<T>(data: Listing<T>): T[] {
  return Array.isArray(data) ? data : data.items;
}

/** All services of the catalog. */
export function useServices() {
  return useQuery({
    queryKey: ['services'],
    queryFn: async () => itemsOf(await get<Listing<Service>>('/api/v1/services')),
  });
}

/** One service. */
export function useService(id: string) {
  return useQuery({
    queryKey: ['services', id],
    queryFn: () => get<Service>(`/api/v1/services/${encodeURIComponent(id)}`),
  });
}

/** All teams with their members. */
export function useTeams() {
  return useQuery({
    queryKey: ['teams'],
    queryFn: async () => itemsOf(await get<Listing<Team>>('/api/v1/teams')),
  });
}

/** Every user (for pickers and the admin list). */
export function useUsers() {
  return useQuery({
    queryKey: ['users'],
    queryFn: async () => itemsOf(await get<Listing<User>>('/api/v1/users')),
  });
}

/** Workspace settings (categories, reopen window). */
export function useSettings() {
  return useQuery({ queryKey: ['settings'], queryFn: () => get<Settings>('/api/v1/settings') });
}

/** A write request that refreshes the given query keys when it succeeds. */
export function useWrite<TBody, TResult = unknown>(
  request: (body: TBody) => Promise<TResult>,
  invalidate: readonly string[],
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => Promise.all(invalidate.map((key) => client.invalidateQueries({ queryKey: [key] }))),
  });
}

/** Create a service. */
export const createService = (body: ServiceBody) => api<Service>('POST', '/api/v1/services', body);

/** Change a service. */
export const updateService = ({ id, ...body }: Partial<ServiceBody> & { id: number }) =>
  api<Service>('PATCH', `/api/v1/services/${id}`, body);

/** Delete a service. */
export const deleteService = (id: number) => api<undefined>('DELETE', `/api/v1/services/${id}`);

/** Create a team. */
export const createTeam = (body: TeamBody) => api<Team>('POST', '/api/v1/teams', body);

/** Change a team's name or description. */
export const updateTeam = ({ id, ...body }: Partial<TeamBody> & { id: number }) =>
  api<Team>('PATCH', `/api/v1/teams/${id}`, body);

/** Delete a team. */
export const deleteTeam = (id: number) => api<undefined>('DELETE', `/api/v1/teams/${id}`);

/** Add a member or change their role. */
export const putTeamMember = (m: { teamId: number; userId: number; role: 'lead' | 'member' }) =>
  api<unknown>('PUT', `/api/v1/teams/${m.teamId}/members/${m.userId}`, { role: m.role });

/** Remove a member from a team. */
export const removeTeamMember = (m: { teamId: number; userId: number }) =>
  api<undefined>('DELETE', `/api/v1/teams/${m.teamId}/members/${m.userId}`);
