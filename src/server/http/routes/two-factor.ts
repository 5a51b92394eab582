import {
  ConfirmTwoFactorBody,
  DisableTwoFactorBody,
  RecoveryCodes,
  TotpEnrolment,
  TwoFactorStatus,
} from '../../../core/schemas/two-factor.js';
import type { AppContext } from '../../commands/context.js';
import {
  confirmOwnTwoFactor,
  disableOwnTwoFactor,
  getTwoFactorStatus,
  renewOwnRecoveryCodes,
  startOwnTwoFactor,
} from '../../commands/two-factor.js';
import { callerOf } from '../auth.js';
import { NoContent, type ZodApp, replies } from '../zod-app.js';

const tags = ['session'];
const access = { role: 'viewer' as const };

/** The caller's own TOTP two-factor authentication: set up, confirm, recovery codes, turn off. */
export function twoFactorRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/me/two-factor', {
    config: { access },
    schema: { tags, summary: 'Your two-factor state', response: replies({ 200: TwoFactorStatus }) },
    handler: (request) => getTwoFactorStatus(ctx, callerOf(request)),
  });

  app.post('/api/v1/me/two-factor/setup', {
    config: { access },
    schema: {
      tags,
      summary: 'Start setting up two-factor: a new secret and its otpauth:// URI',
      description: 'Two-factor stays off until a code from the app confirms the secret.',
      response: replies({ 200: TotpEnrolment }),
    },
    handler: (request) => startOwnTwoFactor(ctx, callerOf(request)),
  });

  app.post('/api/v1/me/two-factor/confirm', {
    config: { access },
    schema: {
      tags,
      summary: 'Turn two-factor on with a code from the app; returns 10 recovery codes, shown once',
      body: ConfirmTwoFactorBody,
      response: replies({ 200: RecoveryCodes }),
    },
    handler: async (request) => ({
      recoveryCodes: await confirmOwnTwoFactor(ctx, callerOf(request), request.body.code),
    }),
  });

  app.post('/api/v1/me/two-factor/recovery-codes', {
    config: { access },
    schema: {
      tags,
      summary: 'Replace your recovery codes (needs a current code); the old ones stop working',
      body: ConfirmTwoFactorBody,
      response: replies({ 200: RecoveryCodes }),
    },
    handler: async (request) => ({
      recoveryCodes: await renewOwnRecoveryCodes(ctx, callerOf(request), request.body.code),
    }),
  });

  app.delete('/api/v1/me/two-factor', {
    config: { access },
    schema: {
      tags,
      summary: 'Turn two-factor off (needs your password or a current code)',
      body: DisableTwoFactorBody,
      response: replies({ 204: NoContent }),
    },
    handler: async (request, reply) => {
      await disableOwnTwoFactor(ctx, callerOf(request), request.body);
      return reply.code(204).send(null);
    },
  });
}
