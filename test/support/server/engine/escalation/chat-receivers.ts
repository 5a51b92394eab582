import http from 'node:http';
import type { AddressInfo } from 'node:net';

// Loopback stand-ins for Slack and Microsoft Teams incoming webhooks (test-only module). They
// answer as the real services do and refuse what the real services refuse, per their docs:
// Slack: https://api.slack.com/messaging/webhooks (400 `invalid_blocks`, `no_text`…; 50 blocks,
// 3,000 characters per section text, 75 per button label, 3,000 per button URL);
// Teams: Adaptive Cards up to version 1.5 in a `message` with one card attachment, ≤ 28 KB.

export interface ChatReceiver {
  url: string;
  /** Accepted messages, parsed. */
  received: unknown[];
  /** Refusals, as the service would word them. */
  refused: string[];
  /** When set, answer as for a revoked webhook (404 `no_service`). */
  isRevoked: boolean;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Why Slack would refuse `body`, or null when it would post it. */
export function slackRefusal(body: unknown): string | null {
  if (!isObject(body)) return 'invalid_payload';
  const blocks = body.blocks;
  if (blocks === undefined) return str(body.text) ? null : 'no_text';
  if (!Array.isArray(blocks) || blocks.length === 0 || blocks.length > 50) return 'invalid_blocks';
  for (const block of blocks) {
    if (!isObject(block)) return 'invalid_blocks';
    if (block.type === 'section') {
      const text = block.text;
      if (!isObject(text) || !['mrkdwn', 'plain_text'].includes(str(text.type))) return 'invalid_blocks';
      const value = str(text.text);
      if (value.length === 0 || value.length > 3000) return 'invalid_blocks';
    } else if (block.type === 'actions') {
      const elements = list(block.elements);
      if (elements.length === 0 || elements.length > 25) return 'invalid_blocks';
      for (const element of elements) {
        if (!isObject(element) || element.type !== 'button') return 'invalid_blocks';
        const label = element.text;
        if (!isObject(label) || label.type !== 'plain_text') return 'invalid_blocks';
        const labelText = str(label.text);
        if (labelText.length === 0 || labelText.length > 75) return 'invalid_blocks';
        const url = str(element.url);
        if (url.length > 3000 || !/^https?:\/\//.test(url)) return 'invalid_blocks';
        if (element.style !== undefined && !['primary', 'danger'].includes(str(element.style))) {
          return 'invalid_blocks';
        }
      }
    } else if (block.type === 'context') {
      const elements = list(block.elements);
      if (elements.length === 0 || elements.length > 10) return 'invalid_blocks';
    } else {
      return 'invalid_blocks';
    }
  }
  return null;
}

const CARD_ELEMENTS = new Set(['TextBlock', 'Container', 'ActionSet', 'FactSet', 'ColumnSet', 'Image']);
const CARD_ACTIONS = new Set(['Action.OpenUrl', 'Action.Submit', 'Action.ShowCard']);

/** Why Teams would refuse `body`, or null when it would post the card. */
export function teamsRefusal(body: unknown, size: number): string | null {
  if (size > 28 * 1024) return 'message too large';
  if (!isObject(body) || body.type !== 'message') return 'type must be "message"';
  const [attachment, ...others] = list(body.attachments);
  if (!isObject(attachment) || others.length > 0) return 'expected exactly one attachment';
  if (attachment.contentType !== 'application/vnd.microsoft.card.adaptive') return 'not an Adaptive Card';
  const card = attachment.content;
  if (!isObject(card) || card.type !== 'AdaptiveCard') return 'content is not an AdaptiveCard';
  const version = Number(str(card.version));
  if (!(version >= 1 && version <= 1.5)) return 'unsupported card version';
  return (
    elementsRefusal(list(card.body)) ?? actionsRefusal(card.actions === undefined ? [] : list(card.actions))
  );
}

function elementsRefusal(elements: unknown[]): string | null {
  for (const element of elements) {
    if (!isObject(element) || !CARD_ELEMENTS.has(str(element.type))) return 'unknown card element';
    if (element.type === 'TextBlock' && !str(element.text)) return 'TextBlock without text';
    if (element.type === 'Container') {
      const refusal = elementsRefusal(list(element.items));
      if (refusal) return refusal;
    }
    if (element.type === 'ActionSet') {
      const refusal = actionsRefusal(list(element.actions));
      if (refusal) return refusal;
    }
  }
  return null;
}

function actionsRefusal(actions: unknown[]): string | null {
  for (const action of actions) {
    if (!isObject(action) || !CARD_ACTIONS.has(str(action.type)) || !str(action.title)) {
      return 'invalid action';
    }
    if (action.type === 'Action.OpenUrl' && !/^https?:\/\//.test(str(action.url)))
      return 'invalid action url';
  }
  return null;
}

/** A loopback Slack incoming webhook: 200 `ok`, or 400 with Slack's error word. */
export function startSlackReceiver(): Promise<ChatReceiver> {
  return startReceiver((body) => slackRefusal(body), 200, 'ok');
}

/** A loopback Teams Workflows webhook: 202, or 400 with the reason. */
export function startTeamsReceiver(): Promise<ChatReceiver> {
  return startReceiver((body, size) => teamsRefusal(body, size), 202, '');
}

async function startReceiver(
  refusalOf: (body: unknown, size: number) => string | null,
  okStatus: number,
  okBody: string,
): Promise<ChatReceiver> {
  const receiver = { received: [], refused: [], isRevoked: false } as unknown as ChatReceiver;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (receiver.isRevoked) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('no_service');
        return;
      }
      const raw = Buffer.concat(chunks);
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        body = undefined;
      }
      const refusal = request.headers['content-type']?.startsWith('application/json')
        ? refusalOf(body, raw.length)
        : 'invalid_payload';
      if (refusal) {
        receiver.refused.push(refusal);
        response.writeHead(400, { 'content-type': 'text/plain' }).end(refusal);
        return;
      }
      receiver.received.push(body);
      response.writeHead(okStatus, { 'content-type': 'text/plain' }).end(okBody);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}/services/T000/B000/XXXX`;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}
