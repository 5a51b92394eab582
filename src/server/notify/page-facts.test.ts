import { describe, expect, it } from 'vitest';
import type { PageContext } from '../../core/schemas/page-context.js';
import { pageFacts } from './page-facts.js';

const context: PageContext = {
  services: ['payments-db'],
  alert: null,
  firedAt: Date.parse('2026-03-01T12:00:00Z'),
  alsoPaged: [],
  acknowledged: null,
};

describe('pageFacts', () => {
  it('names the closest past incident and its root cause, shortened for a phone', () => {
    const facts = pageFacts(
      { ...context, similar: { ref: 'INC-12', rootCause: 'Stale replication\n slot kept WAL.' } },
      context.firedAt,
    );
    expect(facts).toContainEqual({
      label: 'Similar',
      value: 'INC-12 (root cause: Stale replication slot kept WAL.)',
    });
    const long = pageFacts(
      { ...context, similar: { ref: 'INC-3', rootCause: 'x'.repeat(300) } },
      context.firedAt,
    );
    expect(long.find((fact) => fact.label === 'Similar')?.value).toHaveLength(
      'INC-3 (root cause: )'.length + 120,
    );
    expect(pageFacts({ ...context, similar: { ref: 'INC-4', rootCause: null } }, 0)).toContainEqual({
      label: 'Similar',
      value: 'INC-4',
    });
    expect(pageFacts(context, 0).some((fact) => fact.label === 'Similar')).toBe(false);
  });
});
