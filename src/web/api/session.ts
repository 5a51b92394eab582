import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Session } from '../../core/schemas/access.js';
import { hasRole } from '../../core/roles.js';
import { ApiError, api, setCsrfToken } from './client.js';

export const sessionKey = ['session'] as const;

/** Load the current session; null when signed out. */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api<Session>('GET', '/api/v1/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The session query (user + CSRF token). */
export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 60_000, retry: false });
}

/** The signed-in user and what their role lets them do. */
export function useCurrentUser() {
  const user = useSession().data?.user ?? null;
  return {
    user,
    canWrite: user ? hasRole(user.role, 'responder') : false,
    isAdmin: user ? hasRole(user.role, 'admin') : false,
  };
}

/** Sign in with email and password. */
export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => api<Session>('POST', '/api/v1/session', body),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      client.setQueryData(sessionKey, session);
    },
  });
}

/** Sign out and forget every cached query. */
export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<undefined>('DELETE', '/api/v1/session'),
    onSettled: () => {
      setCsrfToken(null);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      client.setQueryData(sessionKey, null);
    },
  });
}

/** Change the caller's password. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api<undefined>('POST', '/api/v1/me/password', body),
  });
}
