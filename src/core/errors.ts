/** Typed errors with a stable code; the HTTP layer maps codes to statuses. */
export type ErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'invalid_transition'
  | 'rate_limited'
  | 'overloaded';

/** One failing field of a request. */
export interface FieldError {
  field: string;
  message: string;
}

/** Base class of every error Beacon raises on purpose. */
export class BeaconError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'BeaconError';
  }
}

/** Bad input, naming the field. */
export class ValidationError extends BeaconError {
  constructor(field: string, message: string) {
    super('validation', `${field}: ${message}`, [{ field, message }]);
  }
}

/** A thing that does not exist (or the caller may not see). */
export class NotFoundError extends BeaconError {
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}

/** A write that conflicts with the current state (stale version, duplicate name…). */
export class ConflictError extends BeaconError {
  constructor(message: string, field?: string) {
    super('conflict', message, field ? [{ field, message }] : []);
  }
}

/** A write made from a stale version: the reply carries what is current, to show both sides. */
export class StaleWriteError extends ConflictError {
  constructor(
    message: string,
    field: string,
    readonly current: unknown,
  ) {
    super(message, field);
  }
}

/** A lifecycle move the rules do not allow. */
export class InvalidTransitionError extends BeaconError {
  constructor(message: string) {
    super('invalid_transition', message, [{ field: 'status', message }]);
  }
}

/** The caller may not do this. */
export class ForbiddenError extends BeaconError {
  constructor(message = 'you do not have permission to do this') {
    super('forbidden', message);
  }
}

/** No or bad credentials. */
export class UnauthenticatedError extends BeaconError {
  constructor(message = 'authentication required') {
    super('unauthenticated', message);
  }
}

/** Too much work queued: the caller should retry after `retryAfterSeconds`. */
export class OverloadedError extends BeaconError {
  constructor(readonly retryAfterSeconds = 1) {
    super('overloaded', 'Beacon is busy; retry shortly');
  }
}

/** Too many attempts (sign-in throttling): the caller may try again after `retryAfterSeconds`. */
export class RateLimitedError extends BeaconError {
  constructor(
    readonly retryAfterSeconds: number,
    message = `too many failed sign-in attempts; try again in ${retryAfterSeconds} s`,
  ) {
    super('rate_limited', message);
  }
}
