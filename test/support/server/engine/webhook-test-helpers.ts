import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  CreateWebhookInput,
  WebhookEventPayload,
  WebhookSubscriptionWithSecret,
} from '../../../../src/core/schemas/webhooks.js';
import type { AppContext } from '../../../../src/server/commands/context.js';
import { ok } from '../http/api-test-helpers.js';
import type { ApiHarness } from '../api-harness.js';
import { WebhookSender } from '../../../../src/server/engine/webhook-sender.js';

// A real HTTP receiver and small factories for the webhook tests (test-only module).

/** One request as the receiver saw it, with whether its signature checked out. */
export interface ReceivedEvent {
  body: WebhookEventPayload;
  raw: string;
  headers: http.IncomingHttpHeaders;
  isSignatureValid: boolean;
}

/** A reply the receiver gives: a status and a body. */
export interface ReceiverReply {
  status: number;
  body?: string;
}

/** A loopback receiver that verifies `X-Beacon-Signature` as docs/webhooks.md shows. */
export interface EventReceiver {
  url: string;
  received: ReceivedEvent[];
  /** Secrets a signature may be made with (add each subscription's after creating it). */
  secrets: string[];
  /** What to answer; the default is 204. Invalid signatures always get 401. */
  reply: (event: ReceivedEvent) => ReceiverReply;
  /** Event types received, in order. */
  types(): string[];
  close(): Promise<void>;
}

/** Start a receiver on a free loopback port. */
export async function startEventReceiver(): Promise<EventReceiver> {
  const receiver = { received: [], secrets: [], reply: () => ({ status: 204 }) } as unknown as EventReceiver;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(request.headers['x-beacon-timestamp'] ?? '');
      const given = String(request.headers['x-beacon-signature'] ?? '');
      const isSignatureValid = receiver.secrets.some((secret) => {
        const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`;
        return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
      });
      const event: ReceivedEvent = {
        body: JSON.parse(raw) as WebhookEventPayload,
        raw,
        headers: request.headers,
        isSignatureValid,
      };
      receiver.received.push(event);
      const reply = isSignatureValid ? receiver.reply(event) : { status: 401, body: 'bad signature' };
      response.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}/beacon-events`;
  receiver.types = () => receiver.received.map((event) => event.body.event_type);
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

const quietLog = { error: () => undefined, warn: () => undefined };

/** A sender on `ctx` whose links point at http://beacon.test. */
export function webhookSender(ctx: AppContext): WebhookSender {
  return new WebhookSender(ctx, { baseUrl: 'http://beacon.test' }, quietLog, { timeoutMs: 2000 });
}

/** Create a subscription through the API (as the admin) and return it with its secret. */
export async function subscribe(
  api: ApiHarness,
  body: CreateWebhookInput,
): Promise<WebhookSubscriptionWithSecret> {
  return ok<WebhookSubscriptionWithSecret>(await api.call('POST', '/api/v1/webhooks', { body }), 201);
}

/** Every delivery row of the database, oldest first. */
export function deliveryRows(ctx: AppContext) {
  return ctx.store.db.selectFrom('webhook_deliveries').selectAll().orderBy('id').execute();
}
