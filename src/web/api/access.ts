import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type * as Access from '../../core/schemas/access.js';
import { api, get } from './client.js';

/** API tokens: the caller's own, or everyone's for admins when `all` is set. */
export function useTokens(all: boolean) {
  return useQuery({
    queryKey: ['tokens', all],
    queryFn: async () => {
      const data = await get<Access.ApiToken[] | { items: Access.ApiToken[] }>('/api/v1/tokens', {
        all: all ? 'true' : undefined,
      });
      return Array.isArray(data) ? data : data.items;
    },
  });
}

/** The audit log, newest first, paged by cursor. */
export function useAudit() {
  return useInfiniteQuery({
    queryKey: ['audit'],
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      get<{ items: Access.AuditEntry[]; nextCursor: string | null }>('/api/v1/audit', {
        limit: 50,
        cursor: pageParam,
      }),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Create a user (admins). */
export const createUser = (body: Access.CreateUserBody) => api<Access.User>('POST', '/api/v1/users', body);

/** Change a user's name, role, disabled flag or password (admins). */
export const updateUser = ({ id, ...body }: Access.UpdateUserBody & { id: number }) =>
  api<Access.User>('PATCH', `/api/v1/users/${id}`, body);

/** Create an API token; the response carries the secret once. */
export const createToken = (body: Access.CreateTokenBody) =>
  api<Access.CreatedToken>('POST', '/api/v1/tokens', body);

/** Revoke an API token. */
export const revokeToken = (id: number) => api<undefined>('DELETE', `/api/v1/tokens/${id}`);

/** Change workspace settings (admins). */
export const updateSettings = (patch: Partial<Access.Settings>) =>
  api<Access.Settings>('PATCH', '/api/v1/settings', patch);
