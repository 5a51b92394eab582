import type { ErrorCode } from './errors.js';

/**
 * Every problem `type` the API answers with, by name; the URI is `PROBLEM_TYPE_BASE` + name.
 * docs/api.md lists each (a test holds them together), so a client can switch on the name.
 */
export const PROBLEM_TYPES = [
  'validation',
  'bad_request',
  'unauthenticated',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'request_timeout',
  'conflict',
  'invalid_transition',
  'payload_too_large',
  'uri_too_long',
  'unsupported_media_type',
  'rate_limited',
  'headers_too_large',
  'internal_error',
  'overloaded',
  'unavailable',
  'error',
] as const;

/** A problem type's name. */
export type ProblemType = (typeof PROBLEM_TYPES)[number];

/** The `ErrorCode`s missing from the list: none, or this file does not compile. */
type UnlistedErrorCode = Exclude<ErrorCode, ProblemType>;
/** Compile-time proof that every `BeaconError` code is a listed problem type. */
export const EVERY_ERROR_CODE_IS_LISTED: [UnlistedErrorCode] extends [never] ? true : never = true;

export const PROBLEM_TYPE_BASE = 'https://beacon.dev/problems/';

/** The problem type of an HTTP status when nothing more precise is known. */
const BY_STATUS: Record<number, ProblemType> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'request_timeout',
  409: 'conflict',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  431: 'headers_too_large',
  500: 'internal_error',
  503: 'unavailable',
};

/** The `type` URI of a problem named `name`, or of a bare HTTP `status`. */
export function problemTypeUri(nameOrStatus: ProblemType | number): string {
  const name =
    typeof nameOrStatus === 'number'
      ? (BY_STATUS[nameOrStatus] ?? (nameOrStatus >= 500 ? 'internal_error' : 'error'))
      : nameOrStatus;
  return `${PROBLEM_TYPE_BASE}${name}`;
}
