import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ValidationError } from '../../../core/errors.js';
import {
  ActionBody,
  ChangeStatusBody,
  CloseBody,
  DeclareIncidentBody,
  Incident,
  IncidentListQuery,
  IncidentPage,
  MergeBody,
  ResolveBody,
  UpdateIncidentBody,
} from '../../../core/schemas/incident.js';
import type { ResolutionFields } from '../../../core/schemas/resolution.js';
import { NoteBody, Timeline, TimelineEntry } from '../../../core/schemas/timeline.js';
import { addNote } from '../../commands/add-note.js';
import { changeIncidentStatus } from '../../commands/change-incident-status.js';
import type { AppContext } from '../../commands/context.js';
import { declareIncident } from '../../commands/declare-incident.js';
import { mergeIncident } from '../../commands/merge-incident.js';
import { findIncidents, getIncident, getTimeline } from '../../commands/read-incidents.js';
import { updateIncident } from '../../commands/update-incident.js';
import { callerOf } from '../auth.js';
import { RefParams, type ZodApp, replies } from '../zod-app.js';

const tags = ['incidents'];
const responder = { access: { role: 'responder' as const } };
const viewer = { access: { role: 'viewer' as const } };

/** The version to guard an edit with: the body's, else the If-Match header's. */
function versionOf(request: FastifyRequest, bodyVersion: number | undefined): number | undefined {
  if (bodyVersion !== undefined) return bodyVersion;
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) throw new ValidationError('If-Match', 'must be an ETag this server issued, such as "3"');
  return Number(match[1]);
}

/** Incident routes: declare, read, list, edit, lifecycle actions, timeline and notes. */
export function incidentRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/incidents', {
    config: viewer,
    schema: {
      tags,
      summary: 'List incidents',
      querystring: IncidentListQuery,
      response: replies({ 200: IncidentPage }),
    },
    handler: (request) => findIncidents(ctx, request.query, callerOf(request).userId),
  });

  app.post('/api/v1/incidents', {
    config: responder,
    schema: {
      tags,
      summary: 'Declare an incident',
      body: DeclareIncidentBody,
      response: replies({ 201: Incident }),
    },
    handler: async (request, reply) => {
      const incident = await declareIncident(ctx, callerOf(request), request.body);
      return reply
        .code(201)
        .header('location', `/api/v1/incidents/${incident.ref}`)
        .header('etag', `"${incident.version}"`)
        .send(incident);
    },
  });

  app.get('/api/v1/incidents/:ref', {
    config: viewer,
    schema: { tags, summary: 'Get an incident', params: RefParams, response: replies({ 200: Incident }) },
    handler: async (request, reply) => {
      const incident = await getIncident(ctx, request.params.ref);
      return reply.header('etag', `"${incident.version}"`).send(incident);
    },
  });

  app.patch('/api/v1/incidents/:ref', {
    config: responder,
    schema: {
      tags,
      summary: 'Edit an incident',
      params: RefParams,
      body: UpdateIncidentBody,
      response: replies({ 200: Incident }),
    },
    handler: async (request, reply) => {
      const version = versionOf(request, request.body.version);
      const incident = await updateIncident(ctx, callerOf(request), request.params.ref, {
        ...request.body,
        version,
      });
      return reply.header('etag', `"${incident.version}"`).send(incident);
    },
  });

  app.get('/api/v1/incidents/:ref/timeline', {
    config: viewer,
    schema: {
      tags,
      summary: 'Timeline of an incident (with incidents merged into it)',
      params: RefParams,
      response: replies({ 200: Timeline }),
    },
    handler: async (request) => ({ items: await getTimeline(ctx, request.params.ref) }),
  });

  app.post('/api/v1/incidents/:ref/notes', {
    config: responder,
    schema: {
      tags,
      summary: 'Add an internal note',
      params: RefParams,
      body: NoteBody,
      response: replies({ 201: TimelineEntry }),
    },
    handler: async (request, reply) =>
      reply.code(201).send(await addNote(ctx, callerOf(request), request.params.ref, request.body.body)),
  });

  app.post('/api/v1/incidents/:ref/merge', {
    config: responder,
    schema: {
      tags,
      summary: 'Merge this incident into another; returns the target',
      params: RefParams,
      body: MergeBody,
      response: replies({ 200: Incident }),
    },
    handler: (request) =>
      mergeIncident(
        ctx,
        callerOf(request),
        request.params.ref,
        request.body.into,
        versionOf(request, request.body.version),
      ),
  });

  statusRoutes(app, ctx);
}

/** The resolution record fields of a resolve or close body besides the summary and root cause. */
function recordFieldsOf(body: ResolutionFields): ResolutionFields | undefined {
  const { resolutionSummary: _summary, rootCause: _rootCause, ...rest } = body;
  const given = Object.fromEntries(
    Object.entries(rest).filter(([key, value]) => key !== 'version' && value !== undefined),
  );
  return Object.keys(given).length > 0 ? given : undefined;
}

function statusRoutes(app: ZodApp, ctx: AppContext): void {
  const action = (
    path: string,
    summary: string,
    body: z.ZodType,
    toChange: (body: never) => Parameters<typeof changeIncidentStatus>[3],
  ) => {
    app.post(`/api/v1/incidents/:ref/${path}`, {
      config: responder,
      schema: { tags, summary, params: RefParams, body, response: replies({ 200: Incident }) },
      handler: async (request, reply) => {
        const change = toChange(request.body as never);
        const version = versionOf(request, change.version);
        const incident = await changeIncidentStatus(ctx, callerOf(request), request.params.ref, {
          ...change,
          version,
        });
        return reply.header('etag', `"${incident.version}"`).send(incident);
      },
    });
  };
  action('status', 'Change status', ChangeStatusBody, (b: z.infer<typeof ChangeStatusBody>) => b);
  action(
    'acknowledge',
    'Acknowledge (triage or triggered → investigating)',
    ActionBody,
    (b: z.infer<typeof ActionBody>) => ({
      ...b,
      status: 'investigating',
      from: ['triage', 'triggered'],
    }),
  );
  action(
    'resolve',
    'Resolve (needs a resolution summary)',
    ResolveBody,
    (b: z.infer<typeof ResolveBody>) => ({ ...b, status: 'resolved', record: recordFieldsOf(b) }),
  );
  action('close', 'Close (needs what the settings require)', CloseBody, (b: z.infer<typeof CloseBody>) => ({
    ...b,
    status: 'closed',
    from: ['resolved'],
    record: recordFieldsOf(b),
  }));
  action('reopen', 'Reopen within the reopen window', ActionBody, (b: z.infer<typeof ActionBody>) => ({
    ...b,
    status: 'investigating',
    from: ['resolved', 'closed'],
  }));
  action('decline', 'Decline a triage incident', ActionBody, (b: z.infer<typeof ActionBody>) => ({
    ...b,
    status: 'declined',
    from: ['triage'],
  }));
}
