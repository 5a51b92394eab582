import { createHmac } from 'node:crypto';
import type { OutboundAllowList } from '../../core/net/address-policy.js';
import type { PageContext } from '../../core/schemas/page-context.js';
import { type OutboundMessage, ackAllOf } from './message.js';
import { noticeOf, noticeWebhookBody } from './notice-message.js';
import { readBodyPrefix, requestOutbound } from './outbound/outbound-request.js';

const TIMEOUT_MS = 10_000;

/** `sha256=<hex>` of HMAC-SHA256 over `<timestamp>.<body>`: what `X-Beacon-Signature` carries. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The JSON Beacon posts to a generic webhook. */
export function webhookBody(message: OutboundMessage) {
  return {
    event: 'incident.page',
    sentAt: new Date(message.now).toISOString(),
    recipient: message.recipientName,
    ackAllUrl: ackAllOf(message) ?? null,
    incidents: message.incidents.map((incident) => ({
      id: incident.incidentId,
      ref: incident.ref,
      title: incident.title,
      severity: incident.severity,
      priority: incident.priority,
      reason: incident.reason,
      url: incident.url,
      ackUrl: incident.ackUrl,
      resolveUrl: incident.resolveUrl,
      ...contextFields(incident.context),
    })),
  };
}

/** What a page's webhook says of one incident's context (null fields when it is not known). */
function contextFields(context: PageContext | undefined) {
  return {
    services: context?.services ?? [],
    alert: context?.alert
      ? {
          summary: context.alert.summary,
          labels: Object.fromEntries(context.alert.labels),
          links: context.alert.links,
        }
      : null,
    firedAt: context ? new Date(context.firedAt).toISOString() : null,
    alsoPaged: context?.alsoPaged ?? [],
    acknowledged: context?.acknowledged
      ? { by: context.acknowledged.by, at: new Date(context.acknowledged.at).toISOString() }
      : null,
  };
}

/** POST the page as signed JSON; throws on a network error or a non-2xx reply. */
export async function sendWebhook(message: OutboundMessage, allow: OutboundAllowList): Promise<void> {
  const notice = noticeOf(message);
  const body = JSON.stringify(notice ? noticeWebhookBody(notice, message.now) : webhookBody(message));
  const timestamp = String(Math.floor(message.now / 1000));
  await postJson(message.address, body, allow, {
    'x-beacon-timestamp': timestamp,
    'x-beacon-signature': webhookSignature(message.secret, timestamp, body),
  });
}

/**
 * POST a JSON body through the outbound guard; throws with the status and start of the reply
 * unless it is 2xx (a redirect is a failure: it is not followed).
 */
export async function postJson(
  url: string,
  body: string,
  allow: OutboundAllowList,
  headers: Record<string, string> = {},
): Promise<void> {
  const response = await requestOutbound({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'Beacon', ...headers },
    body,
    signal: AbortSignal.timeout(TIMEOUT_MS),
    allow,
  });
  const text = (await readBodyPrefix(response, 200).catch(() => Buffer.alloc(0))).toString('utf8');
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`HTTP ${response.status} from ${new URL(url).host}${text ? `: ${text}` : ''}`);
  }
}
