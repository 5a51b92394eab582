import type { RawReply } from './raw-http.js';

/** The error shapes Beacon documents: problem+json for its API, each monitoring format's own for the inbound paths. */
export type ErrorShape = 'problem' | 'alertmanager' | 'status-message' | 'pagerduty' | 'opsgenie';

type Json = Record<string, unknown>;

function jsonBody(reply: RawReply, contentType: RegExp): { body?: Json; fault?: string } {
  const type = reply.headers['content-type'] ?? '';
  if (!contentType.test(type))
    return { fault: `content-type is ${JSON.stringify(type)}, not ${contentType.source}` };
  try {
    const body: unknown = JSON.parse(reply.body);
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return { fault: 'the body is not a JSON object' };
    return { body: body as Json };
  } catch {
    return { fault: 'the body is not JSON' };
  }
}

const isText = (value: unknown) => typeof value === 'string' && value.length > 0;

/** RFC 9457 with Beacon's rules: type, title, status equal to the HTTP status; a 400 names its fields. */
function problemFaults(reply: RawReply, body: Json): string[] {
  const faults: string[] = [];
  if (!isText(body.type)) faults.push('no "type"');
  if (!isText(body.title)) faults.push('no "title"');
  if (body.status !== reply.status) faults.push(`"status" is ${JSON.stringify(body.status)}`);
  if (typeof body.detail !== 'string') faults.push('no "detail"');
  if (reply.status === 400) {
    const errors = body.errors;
    const isNamed =
      Array.isArray(errors) &&
      errors.length > 0 &&
      errors.every(
        (e: unknown) => typeof e === 'object' && e !== null && typeof (e as Json).field === 'string',
      );
    if (!isNamed) faults.push('a 400 without "errors[].field" naming the failing field');
  }
  return faults;
}

/** What is wrong with an error reply, for the documented shape of its path; empty when it is right. */
export function errorShapeFaults(shape: ErrorShape, reply: RawReply): string[] {
  const expectedType = shape === 'problem' ? /^application\/problem\+json/ : /^application\/json/;
  const { body, fault } = jsonBody(reply, expectedType);
  if (!body) return [fault ?? 'no body'];
  switch (shape) {
    case 'problem':
      return problemFaults(reply, body);
    case 'alertmanager':
      return [
        ...(body.code === reply.status ? [] : [`"code" is ${JSON.stringify(body.code)}`]),
        ...(isText(body.message) ? [] : ['no "message"']),
      ];
    case 'status-message':
      return [
        ...(body.status === 'error' ? [] : [`"status" is ${JSON.stringify(body.status)}`]),
        ...(isText(body.message) ? [] : ['no "message"']),
      ];
    case 'pagerduty':
      return [
        ...(isText(body.status) ? [] : ['no "status"']),
        ...(isText(body.message) ? [] : ['no "message"']),
        ...(Array.isArray(body.errors) ? [] : ['no "errors" list']),
      ];
    case 'opsgenie':
      return [
        ...(isText(body.message) ? [] : ['no "message"']),
        ...(typeof body.took === 'number' ? [] : ['no "took"']),
        ...(isText(body.requestId) ? [] : ['no "requestId"']),
      ];
  }
}
