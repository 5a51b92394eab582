import { type MatchExplanation, matchReportToPrepared } from '../../../core/reports/index.js';
import type { AssistAnswer, AssistBody, AssistMatch, Report } from '../../../core/schemas/reports.js';
import { maintenanceOfComponent } from '../../store/queries/status-page.js';
import type { AppContext, Caller } from '../context.js';
import { statusPageUrl } from '../status/page-settings.js';
import { type AssistIncident, type PublicFace, assistIncidentsOf } from './assist-incidents.js';
import { submitReport } from './submit-report.js';

/** How far ahead a scheduled maintenance is mentioned to a customer. */
const MAINTENANCE_HORIZON_MS = 24 * 3_600_000;

/**
 * Answer a customer's message for a chatbot or support agent: the current incident (or
 * maintenance) it matches, with why, its public status and latest public message, and a reply
 * to send. Only what the status page shows is told: an incident not on the page is "a problem
 * we are working on", never its internal title. With `record`, the message becomes a customer
 * report, so the customer hears when it is fixed.
 */
export async function assistCustomer(
  ctx: AppContext,
  caller: Caller,
  body: AssistBody,
  baseUrl: string,
): Promise<AssistAnswer> {
  const pageUrl = statusPageUrl(baseUrl);
  const now = ctx.clock.now();
  const report = body.record && body.email ? await record(ctx, caller, body, body.email) : null;
  // Read after the report is recorded: its link is on the timeline the copy follows.
  const incidents = await assistIncidentsOf(ctx.store, ctx.clock).current(now);
  const found = report ? linkOf(report) : matchMessage(incidents, body, now);
  const face = found && incidents.find((incident) => incident.id === found.incidentId)?.publicFace;
  const match = found
    ? publicFacts(found.incidentId, found.why, face ?? null, pageUrl)
    : await maintenanceFacts(ctx, body.componentId ?? null, now, pageUrl);
  return { match, suggestedReply: replyFor(match, report, pageUrl), statusPageUrl: pageUrl, report };
}

function record(ctx: AppContext, caller: Caller, body: AssistBody, email: string): Promise<Report> {
  return submitReport(ctx, {
    source: 'api',
    name: body.name ?? email,
    email,
    message: body.message,
    componentId: body.componentId ?? null,
    metadata: body.customerId ? { customerId: body.customerId } : {},
    language: body.language,
    caller: { userId: caller.userId, tokenId: caller.tokenId },
  });
}

type Found = { incidentId: number; why: MatchExplanation } | null;

function linkOf(report: Report): Found {
  if (!report.incident || !report.linkReason || report.linkReason.kind === 'manual') return null;
  const { score, sharedTerms, sameComponent, minutesApart } = report.linkReason;
  return { incidentId: report.incident.id, why: { score, sharedTerms, sameComponent, minutesApart } };
}

function matchMessage(incidents: readonly AssistIncident[], body: AssistBody, now: number): Found {
  return matchReportToPrepared(
    { id: 0, text: body.message, componentId: body.componentId ?? null, receivedAt: now },
    incidents.map((incident) => incident.prepared),
  );
}

/** The match as the customer may see it: an incident not on the page is told without a name. */
function publicFacts(
  incidentId: number,
  why: MatchExplanation,
  face: PublicFace | null,
  pageUrl: string,
): AssistMatch {
  return {
    kind: 'incident',
    score: why.score,
    sharedTerms: why.sharedTerms,
    sameComponent: why.sameComponent,
    isPublic: face !== null,
    title: face?.title ?? null,
    publicStatus: face?.status ?? null,
    latestMessage: face?.message ?? null,
    url: face ? `${pageUrl}/incidents/${String(incidentId)}` : null,
  };
}

async function maintenanceFacts(
  ctx: AppContext,
  componentId: number | null,
  now: number,
  pageUrl: string,
): Promise<AssistMatch | null> {
  if (componentId === null) return null;
  const window = await maintenanceOfComponent(ctx.store.db, componentId, now, now + MAINTENANCE_HORIZON_MS);
  if (!window) return null;
  const isRunning = window.starts_at <= now;
  return {
    kind: 'maintenance',
    score: 1,
    sharedTerms: [],
    sameComponent: true,
    isPublic: true,
    title: window.reason,
    publicStatus: isRunning ? 'in_progress' : 'scheduled',
    latestMessage: `${isRunning ? 'Under way' : 'Scheduled'} from ${iso(window.starts_at)} to ${iso(window.ends_at)}.`,
    url: `${pageUrl}/maintenances/${String(window.id)}`,
  };
}

/** A plain-text reply built from public facts only. */
export function replyFor(match: AssistMatch | null, report: Report | null, pageUrl: string): string {
  const thanks = 'Thank you for reaching out.';
  const reference = report
    ? ` Your reference is ${report.ref}; we will write to you when it is fixed.`
    : ' We will follow up as soon as we know more.';
  if (match?.kind === 'maintenance') {
    return `${thanks} This is likely due to scheduled maintenance: ${match.title ?? ''}. ${match.latestMessage ?? ''} You can follow it at ${match.url ?? pageUrl}.`;
  }
  if (match?.isPublic) {
    const status = match.publicStatus ? ` (${match.publicStatus})` : '';
    const latest = match.latestMessage ? ` Latest update: ${match.latestMessage}` : '';
    return `${thanks} We know about this problem: ${match.title ?? ''}${status}.${latest} You can follow updates at ${match.url ?? pageUrl}.${reference}`;
  }
  if (match)
    return `${thanks} We are aware of a problem that may cause this, and our team is working on it.${reference}`;
  return `${thanks} We do not know of a problem that matches this right now. You can check the current status at ${pageUrl}.${report ? ` Your reference is ${report.ref}; our team will look into it.` : ''}`;
}

function iso(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
