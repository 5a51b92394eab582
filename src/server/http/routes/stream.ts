import type { IncidentChangeSource } from '../../commands/incident-changes.js';
import type { ZodApp } from '../zod-app.js';

/** Server-sent events: one `incident` event per change, for live lists and pages. */
export function streamRoutes(app: ZodApp, feed: IncidentChangeSource): void {
  app.get('/api/v1/stream', {
    config: { access: { role: 'viewer' } },
    schema: { tags: ['incidents'], summary: 'Live incident changes (text/event-stream)' },
    handler: (request, reply) => {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 3000\n\n');
      const unsubscribe = feed.subscribe((change) => {
        res.write(`event: incident\ndata: ${JSON.stringify(change)}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      request.raw.on('close', end);
      res.on('error', end);
    },
  });
}
