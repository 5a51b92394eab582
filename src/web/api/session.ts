import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Session } from '../../core/schemas/access.js';
import type {
  RecoveryCodes,
  SignInChallenge,
  SignInOptions,
  TotpEnrolment,
  TwoFactorSession,
  TwoFactorStatus,
} from '../../core/schemas/two-factor.js';
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
    /** Support users and above read customer reports. */
    canReadReports: user ? hasRole(user.role, 'support') : false,
    isAdmin: user ? hasRole(user.role, 'admin') : false,
  };
}

/** Make `session` the signed-in session of the UI. */
export function useStartSession() {
  const client = useQueryClient();
  return (session: Session) => {
    setCsrfToken(session.csrfToken);
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
    client.setQueryData(sessionKey, { user: session.user, csrfToken: session.csrfToken });
  };
}

/** Sign in with email and password: a session, or the challenge of a second step. */
export function useSignIn() {
  const start = useStartSession();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api<Session | SignInChallenge>('POST', '/api/v1/session', body),
    onSuccess: (result) => {
      if ('user' in result) start(result);
    },
  });
}

/** The second step of a sign-in: a code for the challenge (the caller starts the session). */
export function useSignInCode() {
  return useMutation({
    mutationFn: (body: { token: string; code: string }) =>
      api<TwoFactorSession>('POST', '/api/v1/session/two-factor', body),
  });
}

/** How people can sign in (single sign-on, passwords). */
export function useSignInOptions() {
  return useQuery({
    queryKey: ['sign-in-options'],
    queryFn: () => api<SignInOptions>('GET', '/api/v1/session/options'),
    staleTime: 300_000,
  });
}

const twoFactorKey = ['two-factor'] as const;

/** The caller's two-factor state. */
export function useTwoFactorStatus() {
  return useQuery({
    queryKey: twoFactorKey,
    queryFn: () => api<TwoFactorStatus>('GET', '/api/v1/me/two-factor'),
  });
}

/** Start setting up two-factor: a new secret. */
export function useStartTwoFactor() {
  return useMutation({ mutationFn: () => api<TotpEnrolment>('POST', '/api/v1/me/two-factor/setup') });
}

/** Confirm set-up with a code; returns the recovery codes. */
export function useConfirmTwoFactor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api<RecoveryCodes>('POST', '/api/v1/me/two-factor/confirm', { code }),
    onSuccess: () => client.invalidateQueries({ queryKey: twoFactorKey }),
  });
}

/** Turn two-factor off with the password or a code. */
export function useDisableTwoFactor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { password?: string; code?: string }) =>
      api<undefined>('DELETE', '/api/v1/me/two-factor', body),
    onSuccess: () => client.invalidateQueries({ queryKey: twoFactorKey }),
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
