import type { OutboundAllowList } from '../../core/net/address-policy.js';
import { type OutboundMessage, ackAllOf } from './message.js';
import { noticeOf } from './notice-message.js';
import { clipBytes, clipChars, isSevere, pushText, pushUrgency } from './push-message.js';
import { postJson } from './webhook.js';

// ntfy (https://docs.ntfy.sh/publish/): Beacon publishes as JSON to the server's root URL
// with the topic in the body, so one request carries title, priority, tags, the click-through
// link and action buttons. The contact method's address is the topic URL
// (`https://ntfy.sh/<topic>` or a self-hosted server, also under a path); its secret, if any,
// is an access token sent as `Authorization: Bearer`.

/** ntfy keeps messages up to 4,096 bytes (longer ones become attachments); titles are kept short. */
export const NTFY_MAX_MESSAGE_BYTES = 4_096;
const NTFY_MAX_TITLE = 250;
/** ntfy shows at most three action buttons. */
const NTFY_MAX_ACTIONS = 3;

/** The topic URL `address` split into the server's publish URL and the topic. */
export function ntfyTarget(address: string): { publishUrl: string; topic: string } {
  const url = new URL(address);
  const parts = url.pathname.split('/');
  const topic = parts.pop() ?? '';
  url.pathname = `${parts.join('/')}/`;
  url.search = '';
  url.hash = '';
  return { publishUrl: url.toString(), topic };
}

/** The JSON body Beacon publishes for `message`. */
export function ntfyBody(message: OutboundMessage) {
  const { topic } = ntfyTarget(message.address);
  const text = pushText(message);
  const [first] = message.incidents;
  return {
    topic,
    title: clipChars(text.title, NTFY_MAX_TITLE),
    message: clipBytes(text.body, NTFY_MAX_MESSAGE_BYTES - 96),
    priority: ntfyPriority(message),
    tags: ntfyTags(message),
    ...(first ? { click: first.url } : {}),
    actions: ntfyActions(message).slice(0, NTFY_MAX_ACTIONS),
  };
}

/** 5 (urgent) for pages, 4 for other SEV1/SEV2 notifications, 3 (default) otherwise. */
function ntfyPriority(message: OutboundMessage): number {
  const urgency = pushUrgency(message);
  if (urgency === 'page') return 5;
  return urgency === 'notify' && isSevere(message) ? 4 : 3;
}

/** Emoji first (ntfy shows known tag names as emoji), then the severities and refs. */
function ntfyTags(message: OutboundMessage): string[] {
  const emoji = message.notice ? 'loudspeaker' : pushUrgency(message) === 'page' ? 'rotating_light' : 'bell';
  const severities = [...new Set(message.incidents.map((incident) => incident.severity))];
  const refs = message.incidents.slice(0, 5).map((incident) => incident.ref);
  return [emoji, ...severities, ...refs];
}

/** `http` buttons POST the one-click links from the phone; a page of one incident also links its runbook. */
function ntfyActions(message: OutboundMessage) {
  if (noticeOf(message)) return [];
  const ackAll = ackAllOf(message);
  if (ackAll) {
    const count = message.incidents.length;
    return [{ action: 'http', label: `Acknowledge all ${count}`, url: ackAll, method: 'POST', clear: true }];
  }
  const [incident] = message.incidents;
  if (!incident) return [];
  const runbook = incident.context?.alert?.links.find((link) => /runbook/i.test(link.label));
  return [
    { action: 'http', label: 'Acknowledge', url: incident.ackUrl, method: 'POST', clear: true },
    { action: 'http', label: 'Resolve', url: incident.resolveUrl, method: 'POST', clear: true },
    ...(runbook ? [{ action: 'view', label: 'Runbook', url: runbook.url }] : []),
  ];
}

/** Publish a page or notice to an ntfy topic; throws (to be retried) on any non-2xx reply, 429 included. */
export function sendNtfy(message: OutboundMessage, allow: OutboundAllowList): Promise<void> {
  const { publishUrl } = ntfyTarget(message.address);
  return postJson(
    publishUrl,
    JSON.stringify(ntfyBody(message)),
    allow,
    message.credential ? { authorization: `Bearer ${message.credential}` } : {},
  );
}
