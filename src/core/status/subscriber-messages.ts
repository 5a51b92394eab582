import { escapeHtml } from '../escape-html.js';
import { pageStatus } from './page-indicator.js';
import type {
  PublicIncidentView,
  PublicUpdateView,
  ScheduledMaintenanceView,
  StatusPageSnapshot,
} from './snapshot.js';
import { componentJson, incidentJson, maintenanceJson } from './statuspage-json.js';
import { STATUS_LABELS } from './status-html-layout.js';
import { humanTime, isoInZone } from './zoned-format.js';

/*
 * What status-page subscribers receive: the confirmation mail, the news mail (one incident or
 * maintenance, its latest state and the updates this message carries) and the webhook body in
 * Statuspage's shape. Public fields only: everything comes from the page's snapshot.
 */

/** A rendered mail. */
export interface SubscriberMail {
  subject: string;
  text: string;
  html: string;
}

/** The links every message to a subscriber carries. */
export interface SubscriberLinks {
  manageUrl: string;
  unsubscribeUrl: string;
}

/** An incident or a maintenance, as the page shows it. */
export type NewsSubjectView =
  { kind: 'incident'; view: PublicIncidentView } | { kind: 'maintenance'; view: ScheduledMaintenanceView };

const STATUS_WORDS: Record<string, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
};

const MAIL_STYLE =
  'font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:600px;margin:0 auto;padding:16px;color:#1b1f24';

function mailHtml(paragraphs: string[], links: SubscriberLinks | null, pageName: string): string {
  const footer = links
    ? `<hr style="border:0;border-top:1px solid #d0d7de;margin:24px 0 12px">
<p style="color:#57606a;font-size:13px">You receive this because you subscribed to updates of ${escapeHtml(pageName)}.<br>
<a href="${escapeHtml(links.manageUrl)}">Manage your subscription</a> · <a href="${escapeHtml(links.unsubscribeUrl)}">Unsubscribe</a></p>`
    : '';
  return `<!doctype html><html><body style="${MAIL_STYLE}">
${paragraphs.join('\n')}${footer}
</body></html>`;
}

function footerText(links: SubscriberLinks, pageName: string): string[] {
  return [
    '',
    '--',
    `You receive this because you subscribed to updates of ${pageName}.`,
    `Manage your subscription: ${links.manageUrl}`,
    `Unsubscribe: ${links.unsubscribeUrl}`,
  ];
}

/**
 * The double opt-in mail: a pending subscriber is asked to confirm; one already confirmed
 * (who asked again) gets the link to manage their subscription instead.
 */
export function confirmationMail(input: {
  pageName: string;
  isConfirmed: boolean;
  channel: string;
  address: string;
  links: SubscriberLinks;
}): SubscriberMail {
  const what = input.channel === 'webhook' ? `the webhook ${input.address}` : 'this address';
  if (input.isConfirmed) {
    const lead = `${what.charAt(0).toUpperCase()}${what.slice(1)} is already subscribed to updates of ${input.pageName}.`;
    const next = 'Choose the components you hear about, or unsubscribe, on your subscription page:';
    return {
      subject: `Your subscription to ${input.pageName}`,
      text: [lead, '', next, input.links.manageUrl, ...footerText(input.links, input.pageName)].join('\n'),
      html: mailHtml(
        [
          `<p>${escapeHtml(lead)}</p>`,
          `<p>${escapeHtml(next)}<br><a href="${escapeHtml(input.links.manageUrl)}">Manage your subscription</a></p>`,
        ],
        input.links,
        input.pageName,
      ),
    };
  }
  const lead = `Someone (we hope you) asked to send updates of ${input.pageName} to ${what}.`;
  const next = 'To start receiving them, confirm your subscription:';
  const ignore = 'If you did not ask for this, ignore this mail: nothing will be sent.';
  return {
    subject: `Confirm your subscription to ${input.pageName}`,
    text: [lead, '', next, input.links.manageUrl, '', ignore].join('\n'),
    html: mailHtml(
      [
        `<p>${escapeHtml(lead)}</p>`,
        `<p>${escapeHtml(next)}</p>`,
        `<p><a href="${escapeHtml(input.links.manageUrl)}" style="display:inline-block;background:#1f6feb;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none;font-weight:600">Confirm subscription</a></p>`,
        `<p style="color:#57606a">${escapeHtml(ignore)}</p>`,
      ],
      null,
      input.pageName,
    ),
  };
}

/** The updates a message carries, newest first (those of the bundle, found on the page). */
export function carriedUpdates(subject: NewsSubjectView, updateRefs: readonly string[]): PublicUpdateView[] {
  const wanted = new Set(updateRefs);
  return subject.view.updates.filter((u) => wanted.has(u.id));
}

function subjectLine(pageName: string, subject: NewsSubjectView): string {
  const status = STATUS_WORDS[subject.view.status] ?? subject.view.status;
  if (subject.kind === 'incident') return `[${pageName}] ${status}: ${subject.view.name}`;
  const lead = {
    scheduled: 'Scheduled maintenance',
    in_progress: 'Maintenance in progress',
    verifying: 'Maintenance verifying',
    completed: 'Maintenance completed',
  }[subject.view.status];
  return `[${pageName}] ${lead}: ${subject.view.name}`;
}

/** The news mail: the subject's latest state, then each update this message carries. */
export function newsMail(input: {
  snapshot: StatusPageSnapshot;
  subject: NewsSubjectView;
  updateRefs: readonly string[];
  links: SubscriberLinks;
}): SubscriberMail {
  const { snapshot, subject, links } = input;
  const zone = snapshot.page.timeZone;
  const pageName = snapshot.page.name;
  const view = subject.view;
  const updates = carriedUpdates(subject, input.updateRefs);
  const names = new Map(snapshot.components.map((c) => [c.id, c]));
  const affected = view.componentIds.flatMap((id) => {
    const c = names.get(id);
    return c ? [`${c.name} (${STATUS_LABELS[c.status]})`] : [];
  });
  const state =
    subject.kind === 'incident'
      ? `Status: ${STATUS_WORDS[view.status] ?? view.status}`
      : `${STATUS_WORDS[view.status] ?? view.status}, ${humanTime(subject.view.scheduledFor, zone)} – ${humanTime(subject.view.scheduledUntil, zone)}`;
  const count =
    updates.length > 1 ? `${String(updates.length)} updates since our last message, newest first:` : null;
  const updateText = (u: PublicUpdateView) =>
    `${STATUS_WORDS[u.status] ?? u.status} — ${humanTime(u.displayAt, zone)}${u.updatedAt > u.createdAt ? ' (updated)' : ''}\n${u.body}`;
  const text = [
    view.name,
    state,
    '',
    ...(count ? [count, ''] : []),
    ...updates.flatMap((u) => [updateText(u), '']),
    ...(affected.length > 0 ? [`Affected components: ${affected.join(', ')}`] : []),
    `Details: ${view.shortlink}`,
    ...footerText(links, pageName),
  ].join('\n');
  const html = mailHtml(
    [
      `<h1 style="font-size:20px;margin:0 0 4px">${escapeHtml(view.name)}</h1>`,
      `<p style="margin:0 0 16px;color:#57606a">${escapeHtml(state)}</p>`,
      ...(count ? [`<p>${escapeHtml(count)}</p>`] : []),
      ...updates.map(
        (u) =>
          `<div style="border-left:3px solid #1f6feb;padding-left:12px;margin:0 0 16px"><p style="margin:0;font-weight:600">${escapeHtml(
            `${STATUS_WORDS[u.status] ?? u.status} — ${humanTime(u.displayAt, zone)}${u.updatedAt > u.createdAt ? ' (updated)' : ''}`,
          )}</p><p style="margin:4px 0 0;white-space:pre-wrap">${escapeHtml(u.body)}</p></div>`,
      ),
      ...(affected.length > 0 ? [`<p>Affected components: ${escapeHtml(affected.join(', '))}</p>`] : []),
      `<p><a href="${escapeHtml(view.shortlink)}">View on the status page</a></p>`,
    ],
    links,
    pageName,
  );
  return { subject: subjectLine(pageName, subject), text, html };
}

/**
 * The webhook body, in the shape Statuspage posts to its webhook subscribers: `meta`, `page`
 * (with the page's status indicator) and `incident` (a maintenance is an incident with
 * `scheduled_for`), the incident with every public update; `meta.update_ids` lists the updates
 * this delivery carries.
 */
export function subscriberWebhookBody(input: {
  snapshot: StatusPageSnapshot;
  subject: NewsSubjectView;
  updateRefs: readonly string[];
  unsubscribeUrl: string;
  documentationUrl: string;
}): Record<string, unknown> {
  const { snapshot, subject } = input;
  const status = pageStatus(snapshot);
  return {
    meta: {
      unsubscribe: input.unsubscribeUrl,
      documentation: input.documentationUrl,
      update_ids: carriedUpdates(subject, input.updateRefs).map((u) => u.id),
    },
    page: {
      id: snapshot.page.id,
      status_indicator: status.indicator,
      status_description: status.description,
    },
    incident:
      subject.kind === 'incident'
        ? incidentJson(snapshot, subject.view)
        : maintenanceJson(snapshot, subject.view),
  };
}

/** A component's shown status change, as recorded when it happened. */
export interface ComponentUpdateFacts {
  id: number;
  componentId: number;
  oldStatus: string;
  newStatus: string;
  createdAt: number;
}

/**
 * The webhook body Statuspage posts when a component's status changes: `meta`, `page`,
 * `component_update` (the change: old and new status, when) and `component` (as the page shows
 * it now). Undefined when the component is no longer on the page.
 */
export function componentUpdateWebhookBody(input: {
  snapshot: StatusPageSnapshot;
  update: ComponentUpdateFacts;
  unsubscribeUrl: string;
  documentationUrl: string;
}): Record<string, unknown> | undefined {
  const { snapshot, update } = input;
  const componentId = String(update.componentId);
  const component = snapshot.components.find((c) => c.id === componentId);
  if (!component) return undefined;
  const status = pageStatus(snapshot);
  return {
    meta: {
      unsubscribe: input.unsubscribeUrl,
      documentation: input.documentationUrl,
      generated_at: isoInZone(snapshot.generatedAt, snapshot.page.timeZone),
    },
    page: {
      id: snapshot.page.id,
      status_indicator: status.indicator,
      status_description: status.description,
    },
    component_update: {
      id: String(update.id),
      component_id: componentId,
      component_type: 'Component',
      old_status: update.oldStatus,
      new_status: update.newStatus,
      created_at: isoInZone(update.createdAt, snapshot.page.timeZone),
    },
    component: componentJson(snapshot, component),
  };
}
