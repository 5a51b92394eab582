import type * as Links from '../../core/schemas/account-links.js';
import type { User } from '../../core/schemas/access.js';
import { api } from './client.js';

/** Invite someone by email (admins): a pending user with a one-time link by mail. */
export const inviteUser = (body: Links.InviteUserBody) => api<User>('POST', '/api/v1/users/invite', body);

/** Send a pending user a new invitation link (admins). */
export const resendInvite = (id: number) => api<User>('POST', `/api/v1/users/${id}/invitation`);

/** Withdraw an invitation (admins). */
export const revokeInvite = (id: number) => api<User>('DELETE', `/api/v1/users/${id}/invitation`);

/** Mail someone a password reset link (admins). */
export const sendPasswordReset = (id: number) => api<undefined>('POST', `/api/v1/users/${id}/password-reset`);

/** "Forgot password?": the same answer whether or not the email has an account. */
export const requestPasswordReset = (email: string) =>
  api<{ message: string }>('POST', '/api/v1/password-reset', { email });

/** What a set-password link is for, while it works. */
export const checkAccountLink = (token: string) =>
  api<Links.AccountLinkInfo>('POST', '/api/v1/account-links/check', { token });

/** Choose a password (and a name, for an invitation) with a link. */
export const redeemAccountLink = (body: Links.RedeemAccountLinkBody) =>
  api<undefined>('POST', '/api/v1/account-links/redeem', body);
