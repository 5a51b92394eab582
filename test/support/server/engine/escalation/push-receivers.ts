import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// Loopback stand-ins for ntfy and Pushover (test-only module). Each accepts only the request
// format its provider documents and answers as the provider does:
// ntfy: https://docs.ntfy.sh/publish/ — JSON POSTed to the server root with `topic`, or the
// message body POSTed/PUT to /<topic> with X-* headers; access tokens as `Authorization: Bearer`;
// errors as {"code":40101,"http":401,"error":"unauthorized"}; 429 when rate limited.
// Pushover: https://pushover.net/api — form (or JSON) POST to /1/messages.json with token and
// user; message ≤ 1,024 characters, title ≤ 250, url ≤ 512, url_title ≤ 100, priority -2…2,
// priority 2 needs retry ≥ 30 and expire ≤ 10,800 and returns a receipt; receipts at
// /1/receipts/<receipt>.json; acknowledging calls the message's callback URL with a form POST.

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isWebUrl = (value: unknown) => typeof value === 'string' && /^https?:\/\/\S+$/.test(value);

/** A loopback ntfy server. */
export interface NtfyReceiver {
  /** Root URL of the server (`http://127.0.0.1:<port>`). */
  url: string;
  /** Published messages, as ntfy stores them (topic, title, message, priority, tags, click, actions). */
  received: Json[];
  /** Refusals, as ntfy words them. */
  refused: string[];
  /** Topics that need this access token. */
  tokens: Map<string, string>;
  /** When set, answer 429 as a rate-limited server does. */
  isLimited: boolean;
  close(): Promise<void>;
}

const NTFY_KEYS = new Set([
  'topic',
  'message',
  'title',
  'tags',
  'priority',
  'actions',
  'click',
  'attach',
  'markdown',
  'icon',
  'filename',
  'delay',
  'email',
  'call',
]);
const NTFY_ACTION_KEYS = new Set([
  'action',
  'label',
  'url',
  'method',
  'headers',
  'body',
  'clear',
  'intent',
  'extras',
]);

/** Why ntfy would refuse a JSON publish, or null. */
export function ntfyJsonRefusal(body: unknown, size: number): string | null {
  if (!isObject(body)) return 'invalid request: body must be a JSON object';
  for (const key of Object.keys(body))
    if (!NTFY_KEYS.has(key)) return `invalid request: unknown field ${key}`;
  if (typeof body.topic !== 'string' || !/^[-_A-Za-z0-9]{1,64}$/.test(body.topic)) return 'invalid topic';
  if (body.message !== undefined && typeof body.message !== 'string') return 'invalid request: message';
  if (size > 4_096 + 2_048 || Buffer.byteLength(typeof body.message === 'string' ? body.message : '') > 4_096)
    return 'message too large';
  if (body.title !== undefined && typeof body.title !== 'string') return 'invalid request: title';
  if (
    body.priority !== undefined &&
    (!Number.isInteger(body.priority) || Number(body.priority) < 1 || Number(body.priority) > 5)
  )
    return 'invalid priority';
  if (
    body.tags !== undefined &&
    (!Array.isArray(body.tags) || body.tags.some((tag) => typeof tag !== 'string'))
  )
    return 'invalid request: tags';
  if (body.click !== undefined && !isWebUrl(body.click)) return 'invalid click URL';
  if (body.actions !== undefined) {
    if (!Array.isArray(body.actions) || body.actions.length > 3) return 'invalid action: too many actions';
    for (const action of body.actions as unknown[]) {
      if (!isObject(action) || !['view', 'http', 'broadcast'].includes(String(action.action)))
        return 'invalid action: action type';
      for (const key of Object.keys(action))
        if (!NTFY_ACTION_KEYS.has(key)) return `invalid action: unknown field ${key}`;
      if (typeof action.label !== 'string' || action.label === '') return 'invalid action: label';
      if (action.action !== 'broadcast' && !isWebUrl(action.url)) return 'invalid action: url';
      if (
        action.method !== undefined &&
        (typeof action.method !== 'string' || !['GET', 'POST', 'PUT', 'DELETE'].includes(action.method))
      )
        return 'invalid action: method';
      if (action.clear !== undefined && typeof action.clear !== 'boolean') return 'invalid action: clear';
    }
  }
  return null;
}

/** A loopback ntfy server accepting JSON publishes at its root and header publishes at /<topic>. */
export async function startNtfyReceiver(): Promise<NtfyReceiver> {
  const receiver = {
    received: [],
    refused: [],
    tokens: new Map(),
    isLimited: false,
  } as unknown as NtfyReceiver;
  const fail = (response: http.ServerResponse, status: number, error: string) => {
    receiver.refused.push(error);
    response
      .writeHead(status, { 'content-type': 'application/json' })
      .end(JSON.stringify({ code: status * 100 + 1, http: status, error }));
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      if (receiver.isLimited) return fail(response, 429, 'limit reached: too many requests, please be nice');
      if (request.method !== 'POST' && request.method !== 'PUT')
        return fail(response, 405, 'method not allowed');
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      let message: Json;
      if (path === '/') {
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          return fail(response, 400, 'invalid request: body must be JSON');
        }
        const refusal = ntfyJsonRefusal(body, raw.length);
        if (refusal) return fail(response, 400, refusal);
        message = body as Json;
      } else {
        const topic = path.slice(1);
        if (!/^[-_A-Za-z0-9]{1,64}$/.test(topic)) return fail(response, 404, 'page not found');
        const header = (name: string) => {
          const value = request.headers[`x-${name}`] ?? request.headers[name];
          return typeof value === 'string' ? value : undefined;
        };
        message = {
          topic,
          message: raw.toString('utf8'),
          ...(header('title') ? { title: header('title') } : {}),
          ...(header('priority') ? { priority: Number(header('priority')) } : {}),
          ...(header('tags') ? { tags: header('tags')?.split(',') } : {}),
          ...(header('click') ? { click: header('click') } : {}),
        };
      }
      const token = receiver.tokens.get(String(message.topic));
      if (token !== undefined) {
        const auth = request.headers.authorization;
        if (!auth) return fail(response, 403, 'forbidden');
        if (auth !== `Bearer ${token}`) return fail(response, 401, 'unauthorized');
      }
      receiver.received.push(message);
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: randomBytes(6).toString('hex'), time: 0, event: 'message', ...message }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}`;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}

/** A loopback Pushover API. */
export interface PushoverReceiver {
  /** Root of the API (`http://127.0.0.1:<port>`), where /1/messages.json is. */
  url: string;
  /** The application token and user key it knows. */
  appToken: string;
  userKey: string;
  /** Accepted messages' fields, with their receipt when emergency. */
  received: Array<Record<string, string>>;
  refused: string[];
  /** When set, answer 429 as Pushover does once an application's monthly limit is reached. */
  isOverLimit: boolean;
  /**
   * Acknowledge an emergency message as its user would in the app: the receipt is marked
   * acknowledged, and the callback Pushover would now POST is returned (URL and form body).
   */
  acknowledge(receipt: string): { url: string; body: string } | null;
  /** Receipts whose alerting was cancelled through /1/receipts/<receipt>/cancel.json. */
  cancelled: string[];
  /** Cancel requests still to answer with a 500 before cancelling again works. */
  failingCancels: number;
  close(): Promise<void>;
}

const PUSHOVER_KEYS = new Set([
  'token',
  'user',
  'message',
  'attachment_base64',
  'attachment_type',
  'device',
  'html',
  'monospace',
  'priority',
  'sound',
  'timestamp',
  'title',
  'ttl',
  'url',
  'url_title',
  'retry',
  'expire',
  'callback',
  'tags',
]);

/** Why Pushover would refuse these message fields (its `errors` text), or null. */
export function pushoverRefusal(
  fields: Record<string, string>,
  known: { token: string; user: string },
): string | null {
  for (const key of Object.keys(fields))
    if (!PUSHOVER_KEYS.has(key)) return `${key} is not a valid parameter`;
  if (fields.token !== known.token) return 'application token is invalid';
  if (fields.user !== known.user) return 'user identifier is not a valid user, group, or subscribed user key';
  const message = fields.message ?? '';
  if (message === '') return 'message cannot be blank';
  if (Array.from(message).length > 1_024) return 'message is too long';
  if (fields.title !== undefined && Array.from(fields.title).length > 250) return 'title is too long';
  if (fields.url !== undefined && fields.url.length > 512) return 'url is too long';
  if (fields.url_title !== undefined && Array.from(fields.url_title).length > 100)
    return 'url_title is too long';
  const priority = fields.priority === undefined ? 0 : Number(fields.priority);
  if (!Number.isInteger(priority) || priority < -2 || priority > 2) return 'priority is invalid';
  if (priority === 2) {
    if (fields.retry === undefined || !(Number(fields.retry) >= 30))
      return 'retry is invalid (at least 30 seconds)';
    if (fields.expire === undefined || !(Number(fields.expire) > 0 && Number(fields.expire) <= 10_800))
      return 'expire is invalid (at most 10800 seconds)';
    if (fields.callback !== undefined && !isWebUrl(fields.callback)) return 'callback is not a valid URL';
  }
  if (fields.timestamp !== undefined && !/^\d+$/.test(fields.timestamp)) return 'timestamp is invalid';
  return null;
}

/** A loopback Pushover API: messages, receipts, and the acknowledgement callback. */
export async function startPushoverReceiver(): Promise<PushoverReceiver> {
  const receipts = new Map<string, { fields: Record<string, string>; acknowledgedAt: number }>();
  const receiver = {
    appToken: randomKey(),
    userKey: randomKey(),
    received: [],
    refused: [],
    isOverLimit: false,
    cancelled: [],
    failingCancels: 0,
  } as unknown as PushoverReceiver;
  const reply = (response: http.ServerResponse, status: number, body: Json) =>
    response
      .writeHead(status, { 'content-type': 'application/json' })
      .end(JSON.stringify({ ...body, request: randomUUID() }));
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://x');
      const receiptPath = /^\/1\/receipts\/([A-Za-z0-9]{30})\.json$/.exec(url.pathname);
      if (request.method === 'GET' && receiptPath) {
        const receipt = receipts.get(receiptPath[1] ?? '');
        if (!receipt || url.searchParams.get('token') !== receiver.appToken)
          return reply(response, 404, {
            status: 0,
            errors: ['receipt not found; may be invalid or expired'],
          });
        return reply(response, 200, {
          status: 1,
          acknowledged: receipt.acknowledgedAt ? 1 : 0,
          acknowledged_at: receipt.acknowledgedAt,
          acknowledged_by: receipt.acknowledgedAt ? receiver.userKey : '',
        });
      }
      const cancelPath = /^\/1\/receipts\/([A-Za-z0-9]{30})\/cancel\.json$/.exec(url.pathname);
      if (request.method === 'POST' && cancelPath) {
        if (receiver.failingCancels > 0) {
          receiver.failingCancels -= 1;
          return reply(response, 500, { status: 0, errors: ['internal error'] });
        }
        const token = new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('token');
        const receipt = receipts.get(cancelPath[1] ?? '');
        if (token !== receiver.appToken)
          return reply(response, 400, { status: 0, errors: ['token is invalid'] });
        if (!receipt || receipt.acknowledgedAt)
          return reply(response, 400, {
            status: 0,
            errors: ['receipt not found; may be invalid or expired'],
          });
        receipts.delete(cancelPath[1] ?? '');
        receiver.cancelled.push(cancelPath[1] ?? '');
        return reply(response, 200, { status: 1 });
      }
      if (request.method !== 'POST' || url.pathname !== '/1/messages.json')
        return reply(response, 404, { status: 0, errors: ['not found'] });
      if (receiver.isOverLimit)
        return reply(response, 429, { status: 0, errors: ['application is over its monthly message limit'] });
      const raw = Buffer.concat(chunks).toString('utf8');
      const type = request.headers['content-type'] ?? '';
      let fields: Record<string, string>;
      if (type.startsWith('application/x-www-form-urlencoded'))
        fields = Object.fromEntries(new URLSearchParams(raw));
      else if (type.startsWith('application/json')) {
        try {
          const parsed: unknown = JSON.parse(raw);
          fields = isObject(parsed)
            ? Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]))
            : {};
        } catch {
          fields = {};
        }
      } else fields = {};
      const refusal = pushoverRefusal(fields, { token: receiver.appToken, user: receiver.userKey });
      if (refusal) {
        receiver.refused.push(refusal);
        return reply(response, 400, { status: 0, errors: [refusal] });
      }
      const receipt = fields.priority === '2' ? randomKey() : undefined;
      if (receipt) receipts.set(receipt, { fields, acknowledgedAt: 0 });
      receiver.received.push({ ...fields, ...(receipt ? { receipt } : {}) });
      reply(response, 200, { status: 1, ...(receipt ? { receipt } : {}) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}`;
  receiver.acknowledge = (receipt) => {
    const held = receipts.get(receipt);
    if (!held || held.acknowledgedAt) return null;
    held.acknowledgedAt = Math.floor(Date.now() / 1000);
    const callback = held.fields.callback;
    if (!callback) return null;
    const body = new URLSearchParams({
      receipt,
      acknowledged: '1',
      acknowledged_at: String(held.acknowledgedAt),
      acknowledged_by: receiver.userKey,
      acknowledged_by_device: 'phone',
    }).toString();
    return { url: callback, body };
  };
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}

/** A 30-character key of letters and digits, as Pushover's tokens, user keys and receipts are. */
function randomKey(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(30), (byte) => alphabet[byte % alphabet.length]).join('');
}
