import { createHmac } from 'node:crypto';
import type { OutboundMessage } from './message.js';
import { noticeOf, noticeWebhookBody } from './notice-message.js';

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
    })),
  };
}

/** POST the page as signed JSON; throws on a network error or a non-2xx reply. */
export async function sendWebhook(message: OutboundMessage): Promise<void> {
  const notice = noticeOf(message);
  const body = JSON.stringify(notice ? noticeWebhookBody(notice, message.now) : webhookBody(message));
  const timestamp = String(Math.floor(message.now / 1000));
  await postJson(message.address, body, {
    'x-beacon-timestamp': timestamp,
    'x-beacon-signature': webhookSignature(message.secret, timestamp, body),
  });
}

/** POST a JSON body; throws with the status and start of the reply unless it is 2xx. */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'Beacon', ...headers },
    body,
    signal: AbortSignal.timeout(TIMEOUT_MS),
    redirect: 'error',
  });
  if (!response.ok) {
    const text = (await response.text().catch(() => '')).slice(0, 200);
    throw new Error(`HTTP ${response.status} from ${new URL(url).host}${text ? `: ${text}` : ''}`);
  }
}
