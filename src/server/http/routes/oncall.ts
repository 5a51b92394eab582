import { z } from 'zod';
import { NotFoundError } from '../../../core/errors.js';
import { Timestamp } from '../../../core/schemas/common.js';
import {
  EscalationPolicy,
  EscalationPolicyBody,
  EscalationPolicyPatch,
  EscalationState,
  FinalSchedule,
  MyShift,
  OnCallNow,
  OverrideBody,
  ReassignBody,
  Schedule,
  ScheduleBody,
  ScheduleOverride,
  SchedulePatch,
  ServicePolicyBody,
  PagingPreview,
  PagingPreviewQuery,
} from '../../../core/schemas/oncall.js';
import type { AppContext } from '../../commands/context.js';
import {
  createPolicy,
  getPolicies,
  getPolicy,
  patchPolicy,
  removePolicy,
  setServiceEscalationPolicy,
} from '../../commands/oncall/escalation-policies.js';
import { getEscalation, previewPaging } from '../../commands/oncall/escalation-state.js';
import { escalateIncident, reassignIncident } from '../../commands/oncall/fire-escalations.js';
import {
  getCalendarUrl,
  getFinalSchedule,
  getMyShifts,
  getOnCall,
  getOnCallEverywhere,
  rotateCalendarToken,
  scheduleCalendar,
  userCalendar,
} from '../../commands/oncall/schedule-views.js';
import {
  addOverride,
  createSchedule,
  getSchedule,
  getSchedules,
  patchSchedule,
  removeOverride,
  removeSchedule,
} from '../../commands/oncall/schedules.js';
import type { Config } from '../../config.js';
import { callerOf } from '../auth.js';
import { IdParams, NoContent, RefParams, type ZodApp, replies } from '../zod-app.js';
import { notificationRoutes } from './notifications.js';

const viewer = { access: { role: 'viewer' as const } };
const responder = { access: { role: 'responder' as const } };
const admin = { access: { role: 'admin' as const } };

type OncallConfig = Pick<Config, 'baseUrl' | 'secret' | 'notifyBundleSeconds'>;

/** On-call schedules, escalation policies, paging actions, calendar feeds and notifications. */
export async function oncallRoutes(app: ZodApp, ctx: AppContext, config: OncallConfig): Promise<void> {
  scheduleRoutes(app, ctx, config.baseUrl);
  overrideAndCalendarRoutes(app, ctx, config.baseUrl);
  policyRoutes(app, ctx);
  pagingRoutes(app, ctx, { bundleMs: config.notifyBundleSeconds * 1000 });
  await notificationRoutes(app, ctx, config);
}

function scheduleRoutes(app: ZodApp, ctx: AppContext, baseUrl: string): void {
  const tags = ['on-call'];
  app.get('/api/v1/schedules', {
    config: viewer,
    schema: {
      tags,
      summary: 'Every schedule, with who is on call now',
      response: replies({ 200: z.object({ items: z.array(Schedule) }) }),
    },
    handler: async () => ({ items: await getSchedules(ctx, baseUrl) }),
  });
  app.post('/api/v1/schedules', {
    config: responder,
    schema: { tags, summary: 'Create a schedule', body: ScheduleBody, response: replies({ 201: Schedule }) },
    handler: async (request, reply) =>
      reply.code(201).send(await createSchedule(ctx, request.body, baseUrl, callerOf(request))),
  });
  app.get('/api/v1/schedules/:id', {
    config: viewer,
    schema: { tags, summary: 'One schedule', params: IdParams, response: replies({ 200: Schedule }) },
    handler: (request) => getSchedule(ctx, request.params.id, baseUrl),
  });
  app.patch('/api/v1/schedules/:id', {
    config: responder,
    schema: {
      tags,
      summary: 'Change a schedule (layers are replaced as a whole)',
      params: IdParams,
      body: SchedulePatch,
      response: replies({ 200: Schedule }),
    },
    handler: (request) => patchSchedule(ctx, request.params.id, request.body, baseUrl, callerOf(request)),
  });
  app.delete('/api/v1/schedules/:id', {
    config: admin,
    schema: {
      tags,
      summary: 'Delete a schedule (admin)',
      params: IdParams,
      response: replies({ 204: NoContent }),
    },
    handler: async (request, reply) => {
      await removeSchedule(ctx, request.params.id, callerOf(request));
      return reply.code(204).send(null);
    },
  });
  app.get('/api/v1/schedules/:id/oncall', {
    config: viewer,
    schema: {
      tags,
      summary: 'Who is on call now, or at `at`',
      params: IdParams,
      querystring: z.object({ at: Timestamp.optional() }),
      response: replies({ 200: OnCallNow }),
    },
    handler: (request) =>
      getOnCall(ctx, request.params.id, request.query.at ? Date.parse(request.query.at) : undefined),
  });
  app.get('/api/v1/schedules/:id/final', {
    config: viewer,
    schema: {
      tags,
      summary: 'The final schedule and each layer over a window (default: the next 14 days)',
      params: IdParams,
      querystring: z.object({ from: Timestamp.optional(), to: Timestamp.optional() }),
      response: replies({ 200: FinalSchedule }),
    },
    handler: (request) =>
      getFinalSchedule(ctx, request.params.id, {
        ...(request.query.from ? { from: Date.parse(request.query.from) } : {}),
        ...(request.query.to ? { to: Date.parse(request.query.to) } : {}),
      }),
  });
  app.get('/api/v1/oncall', {
    config: viewer,
    schema: {
      tags,
      summary: 'Who is on call now on every schedule',
      response: replies({ 200: z.object({ items: z.array(OnCallNow) }) }),
    },
    handler: async () => ({ items: await getOnCallEverywhere(ctx) }),
  });
}

function overrideAndCalendarRoutes(app: ZodApp, ctx: AppContext, baseUrl: string): void {
  const tags = ['on-call'];
  app.post('/api/v1/schedules/:id/overrides', {
    config: responder,
    schema: {
      tags,
      summary: 'Put someone on call for a time range',
      params: IdParams,
      body: OverrideBody,
      response: replies({ 201: ScheduleOverride }),
    },
    handler: async (request, reply) =>
      reply.code(201).send(await addOverride(ctx, callerOf(request), request.params.id, request.body)),
  });
  app.delete('/api/v1/schedules/:id/overrides/:oid', {
    config: responder,
    schema: {
      tags,
      summary: 'Remove an override',
      params: IdParams.extend({ oid: IdParams.shape.id }),
      response: replies({ 204: NoContent }),
    },
    handler: async (request, reply) => {
      await removeOverride(ctx, request.params.id, request.params.oid, callerOf(request));
      return reply.code(204).send(null);
    },
  });
  app.get('/api/v1/me/shifts', {
    config: viewer,
    schema: {
      tags,
      summary: 'My upcoming shifts on every schedule',
      querystring: z.object({ days: z.coerce.number().int().min(1).max(90).default(14) }),
      response: replies({ 200: z.object({ items: z.array(MyShift) }) }),
    },
    handler: async (request) => ({ items: await getMyShifts(ctx, callerOf(request), request.query.days) }),
  });
  const CalendarUrl = z.object({ url: z.string().nullable() });
  app.get('/api/v1/me/calendar-token', {
    config: viewer,
    schema: {
      tags,
      summary: 'My personal on-call calendar URL (null until created)',
      response: replies({ 200: CalendarUrl }),
    },
    handler: (request) => getCalendarUrl(ctx, callerOf(request), baseUrl),
  });
  app.post('/api/v1/me/calendar-token', {
    config: viewer,
    schema: {
      tags,
      summary: 'Create or rotate my calendar URL (the old one stops working)',
      response: replies({ 200: CalendarUrl }),
    },
    handler: (request) => rotateCalendarToken(ctx, callerOf(request), baseUrl),
  });
  // Calendar apps cannot sign in: the unguessable token in the URL is the credential.
  const Feed = z.object({ file: z.string().max(200) });
  app.get('/calendar/schedules/:file', { schema: { hide: true, params: Feed } }, async (request, reply) => {
    const body = await scheduleCalendar(ctx, icsToken(request.params.file));
    return reply
      .type('text/calendar; charset=utf-8')
      .header('cache-control', 'private, max-age=300')
      .send(body);
  });
  app.get('/calendar/users/:file', { schema: { hide: true, params: Feed } }, async (request, reply) => {
    const body = await userCalendar(ctx, icsToken(request.params.file));
    return reply
      .type('text/calendar; charset=utf-8')
      .header('cache-control', 'private, max-age=300')
      .send(body);
  });
}

function icsToken(file: string): string {
  if (!file.endsWith('.ics')) throw new NotFoundError('calendar');
  return file.slice(0, -'.ics'.length);
}

function policyRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['escalation'];
  app.get('/api/v1/escalation-policies', {
    config: viewer,
    schema: {
      tags,
      summary: 'Every escalation policy',
      response: replies({ 200: z.object({ items: z.array(EscalationPolicy) }) }),
    },
    handler: async () => ({ items: await getPolicies(ctx) }),
  });
  app.post('/api/v1/escalation-policies', {
    config: responder,
    schema: {
      tags,
      summary: 'Create an escalation policy',
      body: EscalationPolicyBody,
      response: replies({ 201: EscalationPolicy }),
    },
    handler: async (request, reply) =>
      reply.code(201).send(await createPolicy(ctx, request.body, callerOf(request))),
  });
  app.get('/api/v1/escalation-policies/:id', {
    config: viewer,
    schema: {
      tags,
      summary: 'One escalation policy',
      params: IdParams,
      response: replies({ 200: EscalationPolicy }),
    },
    handler: (request) => getPolicy(ctx, request.params.id),
  });
  app.patch('/api/v1/escalation-policies/:id', {
    config: responder,
    schema: {
      tags,
      summary: 'Change a policy (steps are replaced as a whole)',
      params: IdParams,
      body: EscalationPolicyPatch,
      response: replies({ 200: EscalationPolicy }),
    },
    handler: (request) => patchPolicy(ctx, request.params.id, request.body, callerOf(request)),
  });
  app.delete('/api/v1/escalation-policies/:id', {
    config: admin,
    schema: {
      tags,
      summary: 'Delete a policy (admin)',
      params: IdParams,
      response: replies({ 204: NoContent }),
    },
    handler: async (request, reply) => {
      await removePolicy(ctx, request.params.id, callerOf(request));
      return reply.code(204).send(null);
    },
  });
  app.patch('/api/v1/services/:id/escalation-policy', {
    config: responder,
    schema: {
      tags,
      summary: "Choose the policy that pages for a service's incidents",
      params: IdParams,
      body: ServicePolicyBody,
      response: replies({ 200: z.object({ serviceId: z.number(), policyId: z.number().nullable() }) }),
    },
    handler: (request) =>
      setServiceEscalationPolicy(ctx, request.params.id, request.body.policyId, callerOf(request)),
  });
}

function pagingRoutes(app: ZodApp, ctx: AppContext, options: { bundleMs: number }): void {
  const tags = ['escalation'];
  app.get('/api/v1/incidents/:ref/escalation', {
    config: viewer,
    schema: {
      tags,
      summary: "Where an incident's escalation stands",
      params: RefParams,
      response: replies({ 200: EscalationState }),
    },
    handler: (request) => getEscalation(ctx, request.params.ref),
  });
  app.get('/api/v1/paging-preview', {
    config: viewer,
    schema: {
      tags,
      summary: 'Who declaring an incident on these services as triggered would page first',
      querystring: PagingPreviewQuery,
      response: replies({ 200: PagingPreview }),
    },
    handler: (request) => previewPaging(ctx, request.query.serviceIds ?? []),
  });
  app.post('/api/v1/incidents/:ref/escalate', {
    config: responder,
    schema: {
      tags,
      summary: 'Fire the next escalation step now',
      params: RefParams,
      response: replies({ 200: EscalationState }),
    },
    handler: (request) => escalateIncident(ctx, callerOf(request), request.params.ref, options),
  });
  app.post('/api/v1/incidents/:ref/reassign', {
    config: responder,
    schema: {
      tags,
      summary: 'Notify other people now: users, or whoever a schedule has on call',
      params: RefParams,
      body: ReassignBody,
      response: replies({ 200: z.object({ notified: z.array(z.string()) }) }),
    },
    handler: (request) => reassignIncident(ctx, callerOf(request), request.params.ref, request.body, options),
  });
}
