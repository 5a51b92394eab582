import { z } from 'zod';
import type { AppContext } from '../../commands/context.js';
import { sendProblem } from '../problem.js';
import type { ZodApp } from '../zod-app.js';

const Status = z.object({ status: z.string() });

/** Liveness (process up) and readiness (database answers). */
export function healthRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/healthz', {
    config: { access: { isPublic: true } },
    schema: { tags: ['health'], summary: 'The process is up', response: { 200: Status } },
    handler: () => ({ status: 'ok' }),
  });
  app.get('/readyz', {
    config: { access: { isPublic: true } },
    schema: { tags: ['health'], summary: 'The database answers', response: { 200: Status } },
    handler: async (request, reply) => {
      try {
        await ctx.store.ping();
        return { status: 'ready' };
      } catch (error) {
        request.log.warn({ err: error }, 'database not reachable');
        return sendProblem(reply, 503, 'the database is not reachable');
      }
    },
  });
}
