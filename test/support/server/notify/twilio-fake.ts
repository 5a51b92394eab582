import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A loopback stand-in for Twilio's REST API (test-only module). It takes only what Twilio
// documents for creating a Message or a Call: POST /2010-04-01/Accounts/{Sid}/Messages.json or
// Calls.json, HTTP Basic auth with the Account SID and auth token, a form-encoded body with
// To (E.164), From (the account's number), and Body (≤ 1,600 characters) or Twiml (≤ 4,000);
// anything else is refused as Twilio refuses it (401 code 20003, 400 with an error code).
// https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource
// https://www.twilio.com/docs/voice/api/call-resource#create-a-call-resource

/** A message or call Twilio accepted. */
export interface TwilioRequest {
  resource: 'Messages' | 'Calls';
  params: Record<string, string>;
}

export interface TwilioFake {
  /** The API's base URL (BEACON_TWILIO_API_URL). */
  url: string;
  accountSid: string;
  authToken: string;
  from: string;
  accepted: TwilioRequest[];
  /** Refusals, as Twilio words them. */
  refused: string[];
  /** Answer the next `count` requests with 429 (and `Retry-After` when given). */
  rateLimit(count: number, retryAfterSeconds?: number): void;
  /** From now on, refuse every message as for an invalid number (400, code 21211). */
  isRefusingNumbers: boolean;
  close(): Promise<void>;
}

export const TWILIO_SID = `AC${'0123456789abcdef'.repeat(2)}`;
export const TWILIO_TOKEN = 'twilio-auth-token-0123456789';
export const TWILIO_FROM = '+15005550006';

const E164 = /^\+[1-9]\d{6,14}$/;
const ALLOWED: Record<TwilioRequest['resource'], Set<string>> = {
  Messages: new Set(['To', 'From', 'Body', 'StatusCallback', 'MessagingServiceSid']),
  Calls: new Set(['To', 'From', 'Twiml', 'Url', 'Method', 'StatusCallback', 'Timeout']),
};

/** Start a Twilio fake on a free loopback port. */
export async function startTwilioFake(): Promise<TwilioFake> {
  let limited = 0;
  let retryAfter: number | undefined;
  const fake = {
    accountSid: TWILIO_SID,
    authToken: TWILIO_TOKEN,
    from: TWILIO_FROM,
    accepted: [] as TwilioRequest[],
    refused: [] as string[],
    isRefusingNumbers: false,
    rateLimit(count: number, seconds?: number) {
      limited = count;
      retryAfter = seconds;
    },
  } as TwilioFake;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = (status: number, body: object, headers: Record<string, string> = {}) => {
        if (status >= 400) fake.refused.push(JSON.stringify(body));
        response
          .writeHead(status, { 'content-type': 'application/json', ...headers })
          .end(JSON.stringify(body));
      };
      const error = (status: number, code: number, message: string) =>
        answer(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
      const match = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/(Messages|Calls)\.json$/.exec(
        request.url ?? '',
      );
      if (request.method !== 'POST' || !match)
        return error(404, 20404, 'The requested resource was not found');
      const expected = `Basic ${Buffer.from(`${TWILIO_SID}:${TWILIO_TOKEN}`).toString('base64')}`;
      if (match[1] !== TWILIO_SID || request.headers.authorization !== expected)
        return error(401, 20003, 'Authenticate');
      if (request.headers['content-type'] !== 'application/x-www-form-urlencoded')
        return error(400, 20001, 'Content-Type must be application/x-www-form-urlencoded');
      if (limited > 0) {
        limited -= 1;
        return answer(
          429,
          { code: 20429, message: 'Too Many Requests', status: 429 },
          retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) },
        );
      }
      const resource = match[2] as TwilioRequest['resource'];
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const params = Object.fromEntries(form);
      const unknown = [...form.keys()].find((name) => !ALLOWED[resource].has(name));
      if (unknown) return error(400, 20001, `Unknown parameter ${unknown}`);
      if (!params.To || !E164.test(params.To) || fake.isRefusingNumbers)
        return error(400, 21211, `The 'To' number ${params.To ?? ''} is not a valid phone number.`);
      if (params.From !== TWILIO_FROM)
        return error(
          400,
          21606,
          `The 'From' phone number provided is not a valid message-capable Twilio phone number.`,
        );
      if (resource === 'Messages') {
        if (!params.Body) return error(400, 21602, 'Message body is required.');
        if (params.Body.length > 1600)
          return error(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
      } else {
        const twiml = params.Twiml ?? '';
        if (!twiml && !params.Url) return error(400, 21205, 'Url or Twiml is required.');
        if (twiml.length > 4000 || (twiml && !/<Response>[\s\S]*<\/Response>\s*$/.test(twiml)))
          return error(400, 21220, 'Invalid TwiML.');
      }
      fake.accepted.push({ resource, params });
      const sid = `${resource === 'Messages' ? 'SM' : 'CA'}${String(fake.accepted.length).padStart(32, '0')}`;
      return answer(201, {
        sid,
        account_sid: TWILIO_SID,
        to: params.To,
        from: params.From,
        status: 'queued',
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${port}`;
  fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}

/**
 * `X-Twilio-Signature` of a callback, computed as Twilio's security docs describe it: the
 * full URL, then each POST parameter's name and value sorted by name, HMAC-SHA1 with the auth
 * token, base64.
 */
export function signTwilioCallback(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((text, name) => text + name + (params[name] ?? ''), url);
  return createHmac('sha1', authToken).update(data).digest('base64');
}
