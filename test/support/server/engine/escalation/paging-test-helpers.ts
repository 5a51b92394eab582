import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, expect } from 'vitest';
import type { Incident } from '../../../../../src/core/schemas/incident.js';
import type { AppContext } from '../../../../../src/server/commands/context.js';
import type { Config } from '../../../../../src/server/config.js';
import { ok } from '../../http/api-test-helpers.js';
import type { ApiHarness } from '../../api-harness.js';
import { NotificationSender } from '../../../../../src/server/engine/notifications/notification-sender.js';
import { EscalationEngine } from '../../../../../src/server/engine/escalation/escalation-engine.js';
import type { Channels } from '../../../../../src/server/notify/index.js';

// Real SMTP and HTTP receivers and small factories for the paging tests (test-only module).

/** A real SMTP server on 127.0.0.1 that keeps (or, when `isRejecting`, refuses) every message. */
export interface SmtpSink {
  url: string;
  messages: ParsedMail[];
  isRejecting: boolean;
  close(): Promise<void>;
}

/** An SMTP sink per test of the enclosing suite (started before each test, closed after). */
export function useSmtpSink(): () => SmtpSink {
  let sink: SmtpSink | undefined;
  beforeEach(async () => {
    sink = await startSmtpSink();
  });
  afterEach(async () => {
    await sink?.close();
    sink = undefined;
  });
  return () => {
    if (!sink) throw new Error('SMTP sink used outside a test');
    return sink;
  };
}

/** Start an SMTP sink on a free port. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const sink = { messages, isRejecting: false } as SmtpSink;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (sink.isRejecting) {
        stream.resume();
        stream.on('end', () => {
          callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
        });
        return;
      }
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          callback();
        },
        (error: unknown) => callback(error as Error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  sink.url = `smtp://127.0.0.1:${port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}

/** One webhook request as the receiver saw it, with whether its signature checked out. */
export interface ReceivedWebhook {
  body: { incidents: Array<{ ref: string; ackUrl: string; resolveUrl: string }> };
  isSignatureValid: boolean;
  timestamp: number;
}

/** A real HTTP receiver verifying `X-Beacon-Signature` with `secret`, as docs/notifications.md shows. */
export async function startWebhookReceiver(secret: string) {
  const received: ReceivedWebhook[] = [];
  // When set, the receiver answers 503 with a reason instead of taking the request.
  const state = { isRefusing: false };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (state.isRefusing) {
        response.writeHead(503, { 'content-type': 'text/plain' }).end('receiver is down for maintenance');
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(request.headers['x-beacon-timestamp'] ?? '');
      const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`;
      const given = String(request.headers['x-beacon-signature'] ?? '');
      const isSignatureValid =
        given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
      received.push({
        body: JSON.parse(raw) as ReceivedWebhook['body'],
        isSignatureValid,
        timestamp: Number(timestamp),
      });
      response.writeHead(isSignatureValid ? 204 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const quietLog = { error: () => undefined, warn: () => undefined };

/** What paging needs from the configuration, as tests override it. */
interface PagingConfig {
  baseUrl: string;
  secret: string | undefined;
  notifyBundleSeconds: number;
  smtpUrl: string;
  smtpFrom: string;
  twilio?: Config['twilio'];
  telegram?: Config['telegram'];
}

/** The escalation engine and notification sender of one process, ticked together. */
export interface Paging {
  /** Fire due steps, then send what is due. */
  tick(): Promise<void>;
  /** Fire due steps (one round of the escalation timers). */
  escalate(): Promise<void>;
  /** Send a batch of due messages; returns how many were attempted. */
  deliver(): Promise<number>;
  close(): Promise<void>;
}

/** Escalation and notification sending on `ctx`, mailing to `smtpUrl`. */
export function pagingEngine(
  ctx: AppContext,
  smtpUrl: string,
  overrides: Partial<PagingConfig> = {},
  options: { channels?: Channels } = {},
): Paging {
  const config: PagingConfig = {
    baseUrl: 'http://beacon.test',
    secret: undefined,
    notifyBundleSeconds: 10,
    smtpUrl,
    smtpFrom: 'Beacon <beacon@localhost>',
    ...overrides,
  };
  const escalation = new EscalationEngine(ctx, config, quietLog);
  const sender = new NotificationSender(ctx, config, quietLog, options);
  return {
    tick: async () => {
      await escalation.tick();
      await sender.tick();
    },
    escalate: async () => {
      await escalation.runOnce();
    },
    deliver: () => sender.tick(),
    close: async () => {
      await Promise.all([escalation.close(), sender.close()]);
    },
  };
}

/** A service paging `steps` (default: the responder at once, then the viewer after 5 minutes). */
export async function serviceWithPolicy(
  api: ApiHarness,
  steps: Array<{ delayMinutes: number; targets: Array<{ type: string; id: number }> }>,
  repeatCount = 0,
): Promise<{ serviceId: number; policyId: number }> {
  const service = ok<{ id: number }>(
    await api.call('POST', '/api/v1/services', {
      body: { name: `svc-${Math.random().toString(36).slice(2, 8)}` },
    }),
    201,
  );
  const policy = ok<{ id: number }>(
    await api.call('POST', '/api/v1/escalation-policies', {
      as: 'responder',
      body: { name: `policy-${service.id}`, repeatCount, steps },
    }),
    201,
  );
  ok(
    await api.call('PATCH', `/api/v1/services/${service.id}/escalation-policy`, {
      as: 'responder',
      body: { policyId: policy.id },
    }),
  );
  return { serviceId: service.id, policyId: policy.id };
}

/** Give `as` one contact method (`body`) that every page reaches at once; returns its id. */
export async function notifyAtOnce(
  api: ApiHarness,
  as: 'viewer' | 'responder' | 'admin',
  body: { type: string; address: string; secret?: string },
): Promise<number> {
  const method = ok<{ id: number }>(await api.call('POST', '/api/v1/me/contact-methods', { as, body }), 201);
  ok(
    await api.call('PUT', '/api/v1/me/notification-rules', {
      as,
      body: { rules: [{ contactMethodId: method.id, delayMinutes: 0 }] },
    }),
  );
  return method.id;
}

/** Declare a triggered incident on a service. */
export async function trigger(
  api: ApiHarness,
  serviceId: number,
  title = 'Checkout is down',
): Promise<Incident> {
  return ok<Incident>(
    await api.call('POST', '/api/v1/incidents', {
      as: 'responder',
      body: { title, status: 'triggered', serviceIds: [serviceId] },
    }),
    201,
  );
}

/** Every outbox row of the database. */
export function outboxRows(ctx: AppContext) {
  return ctx.store.db.selectFrom('outbox').selectAll().orderBy('id').execute();
}

/** The link after `label:` in a plain-text page. */
export function linkIn(text: string | undefined, label: 'Acknowledge' | 'Resolve'): string {
  const match = new RegExp(`${label}:\\s+(\\S+)`).exec(text ?? '');
  expect(match, `no ${label} link in:\n${text ?? ''}`).not.toBeNull();
  return new URL(match?.[1] ?? '').pathname;
}
