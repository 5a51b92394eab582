import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type {
  ApiToken,
  AuditEntry,
  CreateTokenBody,
  CreateUserBody,
  CreatedToken,
  Settings,
  UpdateUserBody,
  User,
} from '../../core/schemas/access.js';
import { api, get } from './client.js';

/** API tokens: the caller's own, or everyone's for admins when `all` is set. */
export function useTokens(all: boolean) {
  return useQuery({
    queryKey: ['tokens', all],
    queryFn: async () => {
      const data = await get<ApiToken[] | { items: ApiToken[] }>('/api/v1/tokens', {
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
      get<{ items: AuditEntry[]; nextCursor: string | null }>('/api/v1/audit', {
        limit: 50,
        cursor: pageParam,
      }),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Create a user (admins). */
export const createUser = (body: CreateUserBody) => api<User>('POST', '/api/v1/users', body);

/** Change a user's name, role, disabled flag or password (admins). */
export const updateUser = ({ id, ...body }: UpdateUserBody & { id: number }) =>
  api<User>('PATCH', `/api/v1/users/${id}`, body);

/** Create an API token; the response carries the secret once. */
export const createToken = (body: CreateTokenBody) => api<CreatedToken>('POST', '/api/v1/tokens', body);

/** Revoke an API token. */
export const revokeToken = (id: number) => api<undefined>('DELETE', `/api/v1/tokens/${id}`);

/** Change workspace settings (admins). */
export const updateSettings = (patch: Partial<Settings>) => api<Settings>('PATCH', '/api/v1/settings', patch);
