import { describe, expect, it } from 'vitest';
import { ApiError, formatErrorLines, formatProblem, isProblem } from './problem.js';

describe('formatProblem', () => {
  it('prints the detail and then every failing field', () => {
    const lines = formatProblem({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'the request is invalid',
      errors: [
        { field: 'title', message: 'must not be empty' },
        { field: 'severity', message: 'must be one of SEV1, SEV2, SEV3, SEV4' },
      ],
    });
    expect(lines).toEqual([
      'error: the request is invalid',
      '  title: must not be empty',
      '  severity: must be one of SEV1, SEV2, SEV3, SEV4',
    ]);
  });

  it('does not repeat a field line the detail already contains', () => {
    const lines = formatProblem({
      status: 400,
      detail: 'invalid body: resolutionSummary: is required to resolve',
      errors: [
        { field: 'resolutionSummary', message: 'is required to resolve' },
        { field: 'rootCause', message: 'is too long' },
      ],
    });
    expect(lines).toEqual([
      'error: invalid body: resolutionSummary: is required to resolve',
      '  rootCause: is too long',
    ]);
  });

  it('falls back to the title, then the status', () => {
    expect(formatProblem({ title: 'Unauthorized', status: 401 })).toEqual(['error: Unauthorized']);
    expect(formatProblem({}, 502)).toEqual(['error: HTTP 502']);
  });

  it('ignores malformed field entries', () => {
    const problem = { detail: 'bad', errors: [{ field: 'a' }, 'x', { field: 'b', message: 'wrong' }] };
    expect(formatProblem(problem as never)).toEqual(['error: bad', '  b: wrong']);
  });
});

describe('ApiError', () => {
  it('carries the status, message and fields of the problem', () => {
    const error = new ApiError(409, { detail: 'stale', errors: [{ field: 'version', message: 'changed' }] });
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe('stale');
    expect(formatErrorLines(error.message, error.fields)).toEqual(['error: stale', '  version: changed']);
  });
});

describe('isProblem', () => {
  it('recognises problem documents and nothing else', () => {
    expect(isProblem({ title: 'Not Found', status: 404 })).toBe(true);
    expect(isProblem({ items: [] })).toBe(false);
    expect(isProblem(null)).toBe(false);
    expect(isProblem('error')).toBe(false);
  });
});
