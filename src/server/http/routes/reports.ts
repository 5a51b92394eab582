import { z } from 'zod';
import { Incident } from '../../../core/schemas/incident.js';
import {
  AffectedCustomerList,
  AssistAnswer,
  AssistBody,
  LinkReportBody,
  Report,
  ReportListQuery,
  ReportPage,
  ReportRefParam,
  ReportsIncidentBody,
  SubmitReportBody,
} from '../../../core/schemas/reports.js';
import type { AppContext } from '../../commands/context.js';
import { assistCustomer } from '../../commands/reports/assist.js';
import { getAffectedCustomers, getReport, getReports } from '../../commands/reports/read-reports.js';
import { createIncidentFromReports, linkReport, unlinkReport } from '../../commands/reports/report-links.js';
import { submitReport } from '../../commands/reports/submit-report.js';
import { callerOf } from '../auth.js';
import { RefParams, type ZodApp, replies } from '../zod-app.js';

const support = { access: { role: 'support' as const } };
const responder = { access: { role: 'responder' as const } };
const tags = ['reports'];

const ReportParams = z.object({ ref: ReportRefParam });

/** Customer reports: intake for help desks and chatbots, the inbox, links to incidents. */
export function reportRoutes(app: ZodApp, ctx: AppContext, baseUrl: string): void {
  app.post('/api/v1/assist', {
    config: support,
    schema: {
      tags,
      summary: 'Answer a customer message (chatbots, support agents): the matching incident and a reply',
      body: AssistBody,
      response: replies({ 200: AssistAnswer }),
    },
    handler: (request) => assistCustomer(ctx, callerOf(request), request.body, baseUrl),
  });
  app.post('/api/v1/reports', {
    config: support,
    schema: {
      tags,
      summary: 'Submit a customer report (help desks, chatbots, forms elsewhere)',
      body: SubmitReportBody,
      response: replies({ 201: Report }),
    },
    handler: async (request, reply) => {
      const caller = callerOf(request);
      const report = await submitReport(ctx, {
        ...request.body,
        source: 'api',
        caller: { userId: caller.userId, tokenId: caller.tokenId },
      });
      return reply.code(201).send(report);
    },
  });
  app.get('/api/v1/reports', {
    config: support,
    schema: {
      tags,
      summary: 'Customer reports, newest first',
      querystring: ReportListQuery,
      response: replies({ 200: ReportPage }),
    },
    handler: (request) => getReports(ctx, request.query),
  });
  app.get('/api/v1/reports/:ref', {
    config: support,
    schema: {
      tags,
      summary: 'One customer report',
      params: ReportParams,
      response: replies({ 200: Report }),
    },
    handler: (request) => getReport(ctx, request.params.ref),
  });
  app.post('/api/v1/reports/:ref/link', {
    config: responder,
    schema: {
      tags,
      summary: 'Link a report to an incident, or move it there from another',
      params: ReportParams,
      body: LinkReportBody,
      response: replies({ 200: Report }),
    },
    handler: (request) => linkReport(ctx, callerOf(request), request.params.ref, request.body.incidentRef),
  });
  app.post('/api/v1/reports/:ref/unlink', {
    config: responder,
    schema: {
      tags,
      summary: 'Unlink a report from its incident',
      params: ReportParams,
      response: replies({ 200: Report }),
    },
    handler: (request) => unlinkReport(ctx, callerOf(request), request.params.ref),
  });
  app.post('/api/v1/reports/incident', {
    config: responder,
    schema: {
      tags,
      summary: 'Open an incident, in triage, from a selection of reports',
      body: ReportsIncidentBody,
      response: replies({ 201: Incident }),
    },
    handler: async (request, reply) =>
      reply.code(201).send(await createIncidentFromReports(ctx, callerOf(request), request.body)),
  });
  app.get('/api/v1/incidents/:ref/reports', {
    config: support,
    schema: {
      tags,
      summary: 'The affected customers of an incident: its linked reports and who was told',
      params: RefParams,
      response: replies({ 200: AffectedCustomerList }),
    },
    handler: (request) => getAffectedCustomers(ctx, request.params.ref),
  });
}
