import {
  MarkRecurrenceBody,
  RecurrenceMark,
  RepeatRateQuery,
  ServiceRepeatRate,
  SimilarIncidentList,
  SimilarQuery,
} from '../../../core/schemas/similar.js';
import type { AppContext } from '../../commands/context.js';
import { getSimilarIncidents } from '../../commands/similar/find-similar.js';
import { markRecurrence, unmarkRecurrence } from '../../commands/similar/recurrence.js';
import { getServiceRepeatRate } from '../../commands/similar/repeat-rate.js';
import { callerOf } from '../auth.js';
import { IdParams, NoContent, RefParams, type ZodApp, replies } from '../zod-app.js';

const viewer = { access: { role: 'viewer' as const } };
const responder = { access: { role: 'responder' as const } };
const tags = ['similar incidents'];

/** Similar past incidents, recurrence marks and each service's repeat-incident rate. */
export function similarRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/incidents/:ref/similar', {
    config: viewer,
    schema: {
      tags,
      summary: 'Similar past incidents, ranked and explained, with root causes and open follow-ups',
      params: RefParams,
      querystring: SimilarQuery,
      response: replies({ 200: SimilarIncidentList }),
    },
    handler: (request) => getSimilarIncidents(ctx, request.params.ref, request.query),
  });
  app.post('/api/v1/incidents/:ref/recurrence', {
    config: responder,
    schema: {
      tags,
      summary: 'Mark the incident as a recurrence of an earlier one',
      params: RefParams,
      body: MarkRecurrenceBody,
      response: replies({ 201: RecurrenceMark }),
    },
    handler: async (request, reply) =>
      reply.code(201).send(await markRecurrence(ctx, callerOf(request), request.params.ref, request.body)),
  });
  app.delete('/api/v1/incidents/:ref/recurrence', {
    config: responder,
    schema: {
      tags,
      summary: 'Undo the recurrence mark of the incident',
      params: RefParams,
      response: replies({ 204: NoContent }),
    },
    handler: async (request, reply) => {
      await unmarkRecurrence(ctx, callerOf(request), request.params.ref);
      return reply.code(204).send(null);
    },
  });
  app.get('/api/v1/services/:id/repeats', {
    config: viewer,
    schema: {
      tags,
      summary:
        "The service's repeat-incident rate: incidents marked as recurrences or repeating an earlier one",
      params: IdParams,
      querystring: RepeatRateQuery,
      response: replies({ 200: ServiceRepeatRate }),
    },
    handler: (request) => getServiceRepeatRate(ctx, request.params.id, request.query),
  });
}
