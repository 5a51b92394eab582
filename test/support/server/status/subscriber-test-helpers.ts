import type { ParsedMail } from 'mailparser';
import { expect } from 'vitest';
import type { Subscriber } from '../../../../src/core/schemas/status-subscribers.js';
import { SubscriberSender } from '../../../../src/server/engine/subscriber-sender.js';
import type { ApiHarness } from '../api-harness.js';
import type { SmtpSink } from '../engine/escalation/paging-test-helpers.js';
import { createService, declare, ok } from '../http/api-test-helpers.js';

// Factories for the status-page subscriber tests (test-only module).

const quietLog = { error: () => undefined, warn: () => undefined };

/** A subscriber sender of one process, sending to the sink (a new one is a restarted process). */
export function subscriberSender(api: ApiHarness, sink: SmtpSink): SubscriberSender {
  return new SubscriberSender(
    api.db.ctx,
    {
      baseUrl: 'http://localhost:3000',
      secret: undefined,
      smtpUrl: sink.url,
      smtpFrom: 'status@example.com',
    },
    quietLog,
    { timeoutMs: 2000 },
  );
}

/** Two services behind two components, API and Web; returns their ids. */
export async function twoComponents(api: ApiHarness) {
  const apiService = await createService(api, 'api-svc');
  const webService = await createService(api, 'web-svc');
  const add = async (name: string, serviceId: number) =>
    ok<{ id: number }>(
      await api.call('POST', '/api/v1/status-page/components', { body: { name, serviceIds: [serviceId] } }),
      201,
    ).id;
  return {
    apiId: await add('API', apiService.id),
    webId: await add('Web', webService.id),
    apiServiceId: apiService.id,
    webServiceId: webService.id,
  };
}

/** Add a confirmed subscriber by hand (admin, opt-in skipped). */
export async function confirmedSubscriber(
  api: ApiHarness,
  address: string,
  componentIds: number[] = [],
  channel: 'email' | 'webhook' = 'email',
) {
  return ok<Subscriber & { signingKey: string | null }>(
    await api.call('POST', '/api/v1/status-page/subscribers', {
      body: { channel, address, componentIds, skipOptIn: true, reason: 'moved from our old status page' },
    }),
    201,
  );
}

/** Declare an incident and publish a public update naming `components`; returns the incident's ref. */
export async function publishedIncident(
  api: ApiHarness,
  message: string,
  components: Array<{ componentId: number; status: string }> = [],
): Promise<string> {
  const incident = await declare(api, { title: 'Internal: replica lag on db-7' });
  await publish(api, incident.ref, 'investigating', message, components, 'Slow API');
  return incident.ref;
}

/** Publish a public update. */
export async function publish(
  api: ApiHarness,
  ref: string,
  status: string,
  message: string,
  components: Array<{ componentId: number; status: string }> = [],
  publicTitle?: string,
): Promise<{ id: number }> {
  return ok(
    await api.call('POST', `/api/v1/incidents/${ref}/public-updates`, {
      as: 'responder',
      body: { status, message, components, ...(publicTitle ? { publicTitle } : {}) },
    }),
    201,
  );
}

/** The mails the sink holds for `address`. */
export function mailsTo(sink: SmtpSink, address: string): ParsedMail[] {
  return sink.messages.filter((m) => {
    const to = Array.isArray(m.to) ? m.to : m.to ? [m.to] : [];
    return to.some((t) => t.value.some((v) => v.address === address));
  });
}

/** The path of the first subscription link in a mail's text. */
export function subscriptionPath(mail: ParsedMail | undefined): string {
  const match = /http:\/\/localhost:3000(\/status\/subscriptions\/[A-Za-z0-9_-]{43})/.exec(mail?.text ?? '');
  expect(match, mail?.text).not.toBeNull();
  return match?.[1] ?? '';
}

/** Post a form the way a browser does, from Beacon's own page. */
export function postForm(api: ApiHarness, url: string, form: Record<string, string | string[]>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  return api.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    payload: params.toString(),
  });
}
