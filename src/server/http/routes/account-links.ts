import { z } from 'zod';
import {
  AccountLinkCheckBody,
  AccountLinkInfo,
  InviteUserBody,
  PasswordResetRequestBody,
  RedeemAccountLinkBody,
} from '../../../core/schemas/account-links.js';
import { User } from '../../../core/schemas/access.js';
import type { AppContext } from '../../commands/context.js';
import { resendInvite, inviteUser, revokeInvite } from '../../commands/invites.js';
import { serverSigningSecret } from '../../commands/oncall/action-links.js';
import {
  checkAccountLink,
  redeemAccountLink,
  requestPasswordReset,
  sendPasswordReset,
} from '../../commands/password-reset.js';
import type { Config } from '../../config.js';
import { callerOf } from '../auth.js';
import { IdParams, NoContent, type ZodApp, replies } from '../zod-app.js';

const admin = { access: { role: 'admin' as const } };
const open = { access: { isPublic: true } };

/** Invitations and password resets by email, and the set-password page's two calls. */
export function accountLinkRoutes(app: ZodApp, ctx: AppContext, config: Pick<Config, 'secret'>): void {
  const tags = ['users'];
  const secret = () => serverSigningSecret(ctx, config.secret);
  app.post('/api/v1/users/invite', {
    config: admin,
    schema: {
      tags,
      summary: 'Invite someone by email (admin)',
      description:
        'Creates a pending user and mails them a one-time link, valid for 7 days, to choose their name and password.',
      body: InviteUserBody,
      response: replies({ 201: User }),
    },
    handler: async (request, reply) =>
      reply.code(201).send(await inviteUser(ctx, callerOf(request), request.body, await secret())),
  });
  app.post('/api/v1/users/:id/invitation', {
    config: admin,
    schema: {
      tags,
      summary: 'Send a pending user a new invitation link (admin)',
      params: IdParams,
      response: replies({ 200: User }),
    },
    handler: async (request) => resendInvite(ctx, callerOf(request), request.params.id, await secret()),
  });
  app.delete('/api/v1/users/:id/invitation', {
    config: admin,
    schema: {
      tags,
      summary: 'Revoke an invitation: its links stop working, the pending user is disabled (admin)',
      params: IdParams,
      response: replies({ 200: User }),
    },
    handler: (request) => revokeInvite(ctx, callerOf(request), request.params.id),
  });
  app.post('/api/v1/users/:id/password-reset', {
    config: admin,
    schema: {
      tags,
      summary: 'Mail a user a password reset link (admin)',
      params: IdParams,
      response: replies({ 204: NoContent }),
    },
    handler: async (request, reply) => {
      await sendPasswordReset(ctx, callerOf(request), request.params.id, await secret());
      return reply.code(204).send(null);
    },
  });
  publicRoutes(app, ctx, secret);
}

function publicRoutes(app: ZodApp, ctx: AppContext, secret: () => Promise<string>): void {
  const tags = ['session'];
  app.post('/api/v1/password-reset', {
    config: open,
    schema: {
      tags,
      summary: 'Forgot password: mail a reset link if the email has an account',
      description:
        'Always 202, whether or not the email belongs to someone; an account gets at most 3 mails an hour. A source address asking more than 10 times within an hour gets 429.',
      body: PasswordResetRequestBody,
      response: replies({ 202: z.object({ message: z.string() }) }),
    },
    handler: async (request, reply) => {
      await requestPasswordReset(ctx, { email: request.body.email, address: request.ip }, await secret());
      return reply.code(202).send({
        message: 'If this email belongs to an account, a link to reset its password is on its way.',
      });
    },
  });
  app.post('/api/v1/account-links/check', {
    config: open,
    schema: {
      tags,
      summary: 'What an invitation or reset link is for, while it works',
      body: AccountLinkCheckBody,
      response: replies({ 200: AccountLinkInfo }),
    },
    handler: (request) => checkAccountLink(ctx, request.body.token),
  });
  app.post('/api/v1/account-links/redeem', {
    config: open,
    schema: {
      tags,
      summary: 'Choose a password with an invitation or reset link (once); then sign in',
      body: RedeemAccountLinkBody,
      response: replies({ 204: NoContent }),
    },
    handler: async (request, reply) => {
      await redeemAccountLink(ctx, request.body);
      return reply.code(204).send(null);
    },
  });
}
