import type { FieldError } from '../core/errors.js';

/** Exit codes every sub-command uses. */
export const EXIT = { ok: 0, failure: 1, usage: 2, unreachable: 3 } as const;

/** An error the CLI reports as `error: …` and turns into an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
    readonly fields: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The command line itself was wrong (exit 2). */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.usage);
    this.name = 'UsageError';
  }
}

/** The server could not be reached at all (exit 3). */
export class UnreachableError extends CliError {
  constructor(message: string) {
    super(message, EXIT.unreachable);
    this.name = 'UnreachableError';
  }
}

/** Validate `value` with a zod schema, failing with every bad field named (exit 1). */
export function parseOrFail<T>(schema: { safeParse(value: unknown): ZodSafeParse<T> }, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({
    field: issue.path.join('.') || 'input',
    message: issue.message,
  }));
  const first = fields[0];
  throw new CliError(first ? `${first.field}: ${first.message}` : 'invalid input', EXIT.failure, fields);
}

type ZodSafeParse<T> =
  | { success: true; data: T }
  | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } };
