import { GettingStarted, InboundMail } from '../../../core/schemas/getting-started.js';
import type { AppContext } from '../../commands/context.js';
import { getGettingStarted, setGettingStartedDismissed } from '../../commands/getting-started.js';
import { callerOf } from '../auth.js';
import { type ZodApp, replies } from '../zod-app.js';

const viewer = { access: { role: 'viewer' as const } };
const tags = ['getting started'];

/**
 * The getting-started checklist of the signed-in person (read it, put it away, bring it back)
 * and where Beacon takes alert mail, for the email integration's setup examples.
 */
export function gettingStartedRoutes(app: ZodApp, ctx: AppContext, smtpListenPort: number | null): void {
  app.get('/api/v1/inbound-mail', {
    config: viewer,
    schema: {
      tags: ['integrations'],
      summary: "The port of Beacon's SMTP listener for alert mail (BEACON_SMTP_LISTEN), null when off",
      response: replies({ 200: InboundMail }),
    },
    handler: () => ({ port: smtpListenPort }),
  });
  app.get('/api/v1/me/getting-started', {
    config: viewer,
    schema: {
      tags,
      summary: 'The checklist of a new install, each step ticked from what exists',
      response: replies({ 200: GettingStarted }),
    },
    handler: (request) => getGettingStarted(ctx, callerOf(request)),
  });
  app.put('/api/v1/me/getting-started/dismissed', {
    config: viewer,
    schema: { tags, summary: 'Hide the checklist for yourself', response: replies({ 200: GettingStarted }) },
    handler: (request) => setGettingStartedDismissed(ctx, callerOf(request), true),
  });
  app.delete('/api/v1/me/getting-started/dismissed', {
    config: viewer,
    schema: { tags, summary: 'Show the checklist again', response: replies({ 200: GettingStarted }) },
    handler: (request) => setGettingStartedDismissed(ctx, callerOf(request), false),
  });
}
