import type { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

/** What a type is called in a message. */
const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  bigint: 'a whole number',
  date: 'a date',
};

/** What a string format is called in a message. */
const FORMAT_NAMES: Record<string, string> = {
  email: 'an email address',
  url: 'a URL such as https://example.com',
  datetime: 'a date and time such as 2026-03-01T09:00:00Z',
  date: 'a date such as 2026-03-01',
  time: 'a time such as 09:00',
  uuid: 'a UUID',
};

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

function sizeOf(origin: string, count: number): string {
  if (origin === 'string') return plural(count, 'character', 'characters');
  if (origin === 'array' || origin === 'set') return plural(count, 'item', 'items');
  return count.toLocaleString('en');
}

/** A zod issue worded as a predicate ("must be at least 12 characters"); undefined keeps zod's. */
export function readableIssue(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string' && min === 1) return 'must not be empty';
      if (issue.origin === 'array' && min === 1) return 'must have at least one item';
      return `must be ${issue.inclusive === false ? 'more than' : 'at least'} ${sizeOf(issue.origin, min)}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      return `must be ${issue.inclusive === false ? 'less than' : 'at most'} ${sizeOf(issue.origin, max)}`;
    }
    case 'invalid_format':
      return issue.format === 'regex'
        ? 'is not in the expected form'
        : `must be ${FORMAT_NAMES[issue.format] ?? `a valid ${issue.format}`}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${String(issue.values[0])}`
        : `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return `${issue.keys.length === 1 ? 'is not a field' : 'are not fields'} this request takes`;
    case 'invalid_union':
      return 'is not one of the accepted forms';
    case 'invalid_key':
      return 'has a key that is not allowed';
    case 'invalid_element':
      return 'has an item that is not allowed';
    case 'custom':
      return undefined;
  }
}
