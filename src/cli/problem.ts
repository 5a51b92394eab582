import type { FieldError } from '../core/errors.js';
import { CliError, EXIT } from './cli-error.js';

/** An RFC 9457 problem document as Beacon's API returns it. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
}

/** True when `value` looks like a problem document (has a title, detail or status). */
export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.title === 'string' || typeof record.detail === 'string' || typeof record.status === 'number'
  );
}

function fieldErrorsOf(problem: Problem): FieldError[] {
  if (!Array.isArray(problem.errors)) return [];
  return problem.errors.filter(
    (e): e is FieldError =>
      typeof e === 'object' && typeof e.field === 'string' && typeof e.message === 'string',
  );
}

/** A failed API call: carries the problem so it can be printed field by field. */
export class ApiError extends CliError {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`, EXIT.failure, fieldErrorsOf(problem));
    this.name = 'ApiError';
  }
}

/**
 * The lines to print for an error: `error: <message>` then one `  field: message` per
 * failing field, skipping a field line the message already contains.
 */
export function formatErrorLines(message: string, fields: readonly FieldError[] = []): string[] {
  const lines = [`error: ${message}`];
  for (const { field, message: text } of fields) {
    const line = `${field}: ${text}`;
    if (!message.includes(line)) lines.push(`  ${line}`);
  }
  return lines;
}

/** The lines to print for a problem document returned with HTTP `status`. */
export function formatProblem(problem: Problem, status?: number): string[] {
  const message = problem.detail ?? problem.title ?? `HTTP ${String(problem.status ?? status ?? '?')}`;
  return formatErrorLines(message, fieldErrorsOf(problem));
}
