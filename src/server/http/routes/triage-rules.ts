import type { FastifyRequest } from 'fastify';
import { ValidationError } from '../../../core/errors.js';
import {
  CreateTriageRuleSetBody,
  TriageDryRunBody,
  TriageDryRunResult,
  TriageRuleOrderBody,
  TriageRuleSet,
  TriageRuleSetList,
  TriageRuleSetOrderBody,
  TriageRuleSetVersionList,
  UpdateTriageRuleSetBody,
} from '../../../core/schemas/triage.js';
import type { AppContext } from '../../commands/context.js';
import { dryRunTriage } from '../../commands/triage/dry-run.js';
import { getTriageVersions, reorderTriageRuleSets } from '../../commands/triage/rule-set-order.js';
import {
  changeTriageRuleSet,
  createTriageRuleSet,
  getTriageRuleSet,
  getTriageRuleSets,
  removeTriageRuleSet,
  reorderTriageRules,
} from '../../commands/triage/rule-sets.js';
import { callerOf } from '../auth.js';
import { IdParams, NoContent, type ZodApp, replies } from '../zod-app.js';

const tags = ['triage'];
const viewer = { access: { role: 'viewer' as const } };
const responder = { access: { role: 'responder' as const } };
const admin = { access: { role: 'admin' as const } };

/** The version an edit expects: the body's, else the If-Match header's. */
function expectedVersion(request: FastifyRequest, fromBody: number | undefined): number | undefined {
  if (fromBody !== undefined) return fromBody;
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) throw new ValidationError('If-Match', 'must be an ETag this server issued, such as "3"');
  return Number(match[1]);
}

/** Triage rule sets: admins configure them, everyone reads them, responders dry-run drafts. */
export function triageRuleRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/triage-rules', {
    config: viewer,
    schema: {
      tags,
      summary: 'List triage rule sets in the order they run',
      response: replies({ 200: TriageRuleSetList }),
    },
    handler: async () => ({ items: await getTriageRuleSets(ctx) }),
  });
  app.post('/api/v1/triage-rules', {
    config: admin,
    schema: {
      tags,
      summary: 'Create a triage rule set (it runs after the others)',
      body: CreateTriageRuleSetBody,
      response: replies({ 201: TriageRuleSet }),
    },
    handler: async (request, reply) =>
      reply.code(201).send(await createTriageRuleSet(ctx, callerOf(request), request.body)),
  });
  app.post('/api/v1/triage-rules/dry-run', {
    config: responder,
    schema: {
      tags,
      summary: 'What a draft rule set would do to the newest alerts and report incidents',
      body: TriageDryRunBody,
      response: replies({ 200: TriageDryRunResult }),
    },
    handler: (request) => dryRunTriage(ctx, request.body),
  });
  app.post('/api/v1/triage-rules/order', {
    config: admin,
    schema: {
      tags,
      summary: 'Put the triage rule sets in a new order',
      body: TriageRuleSetOrderBody,
      response: replies({ 200: TriageRuleSetList }),
    },
    handler: async (request) => ({
      items: await reorderTriageRuleSets(ctx, callerOf(request), request.body.ids),
    }),
  });
  ruleSetRoutes(app, ctx);
}

function ruleSetRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/triage-rules/:id', {
    config: viewer,
    schema: {
      tags,
      summary: 'Get a triage rule set',
      params: IdParams,
      response: replies({ 200: TriageRuleSet }),
    },
    handler: (request) => getTriageRuleSet(ctx, request.params.id),
  });
  app.patch('/api/v1/triage-rules/:id', {
    config: admin,
    schema: {
      tags,
      summary: 'Change a triage rule set (a new version; `version` or If-Match guards it)',
      params: IdParams,
      body: UpdateTriageRuleSetBody,
      response: replies({ 200: TriageRuleSet }),
    },
    handler: (request) =>
      changeTriageRuleSet(ctx, callerOf(request), request.params.id, {
        ...request.body,
        version: expectedVersion(request, request.body.version),
      }),
  });
  app.post('/api/v1/triage-rules/:id/rules/order', {
    config: admin,
    schema: {
      tags,
      summary: "Put a rule set's rules in a new order",
      params: IdParams,
      body: TriageRuleOrderBody,
      response: replies({ 200: TriageRuleSet }),
    },
    handler: (request) =>
      reorderTriageRules(
        ctx,
        callerOf(request),
        request.params.id,
        request.body.ruleIds,
        expectedVersion(request, request.body.version),
      ),
  });
  app.get('/api/v1/triage-rules/:id/versions', {
    config: viewer,
    schema: {
      tags,
      summary: "A triage rule set's saved versions, newest first",
      params: IdParams,
      response: replies({ 200: TriageRuleSetVersionList }),
    },
    handler: async (request) => ({ items: await getTriageVersions(ctx, request.params.id) }),
  });
  app.delete('/api/v1/triage-rules/:id', {
    config: admin,
    schema: {
      tags,
      summary: 'Delete a triage rule set',
      params: IdParams,
      response: replies({ 204: NoContent }),
    },
    handler: async (request, reply) => {
      await removeTriageRuleSet(ctx, callerOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
}
