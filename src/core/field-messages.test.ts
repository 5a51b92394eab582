import { expect, it } from 'vitest';
import { z } from 'zod';
import { SignInBody } from './schemas/access.js';
import { DeclareIncidentBody } from './schemas/incident.js';
import { fieldLabel, humanFieldMessage } from './field-messages.js';

/** Each failing field of `schema` on `input`, as the API words it. */
function messages(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  return (result.error?.issues ?? []).map((issue) => humanFieldMessage(issue.path.join('.'), issue.message));
}

it('names the field in a sentence a person can read', () => {
  expect(fieldLabel('resolutionSummary')).toBe('Resolution summary');
  expect(fieldLabel('layers.0.handoffTime')).toBe('Handoff time');
  expect(fieldLabel('serviceIds.2')).toBe('Services');
  expect(humanFieldMessage('rootCause', 'is required to close')).toBe('Root cause is required to close');
  expect(humanFieldMessage('title', 'must not be empty')).toBe('Title is required');
  expect(humanFieldMessage('(body)', 'is not JSON')).toBe('is not JSON');
  expect(humanFieldMessage('name', 'A team with this name exists')).toBe('A team with this name exists');
  expect(humanFieldMessage('email', 'a user with email ana@example.com exists')).toBe(
    'A user with email ana@example.com exists',
  );
  expect(humanFieldMessage('address', 'refused: 127.0.0.1 is a loopback address')).toBe(
    'Refused: 127.0.0.1 is a loopback address',
  );
});

it('words what the schemas refuse without the validator’s own text', () => {
  expect(messages(SignInBody, { email: '', password: '' })).toEqual([
    'Email must be an email address',
    'Enter your password',
  ]);
  expect(messages(SignInBody, {})).toEqual(['Enter an email address', 'Enter your password']);
  expect(messages(DeclareIncidentBody, { title: '' })).toEqual(['Title is required']);
  expect(messages(DeclareIncidentBody, {})).toEqual(['Title is required']);
  expect(messages(DeclareIncidentBody, { title: 'x'.repeat(201), severity: 'SEV9', tags: 'a' })).toEqual([
    'Title must be at most 200 characters',
    'Severity must be one of: SEV1, SEV2, SEV3, SEV4',
    'Tags must be a list',
  ]);
  const Numbers = z.object({ count: z.number().int().min(3), ratio: z.number(), when: z.iso.datetime() });
  expect(messages(Numbers, { count: 1.5, ratio: 'x', when: 'tomorrow' })).toEqual([
    'Count must be a whole number',
    'Ratio must be a number',
    'When must be a date and time such as 2026-03-01T09:00:00Z',
  ]);
  for (const message of messages(z.object({ a: z.array(z.string()).min(1), b: z.string().min(4) }), {
    a: [],
    b: 'ab',
  }))
    expect(message).not.toMatch(/Too small|expected|>=|Invalid/);
});
