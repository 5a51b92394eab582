import { describe, expect, it } from 'vitest';
import { SEVERITY_LEVELS, isProposedBy, levelsAfterSeverityChange, priorityOf } from './priority.js';

describe('priorityOf (ITIL impact × urgency)', () => {
  it.each([
    ['high', 'high', 'P1'],
    ['high', 'medium', 'P2'],
    ['high', 'low', 'P3'],
    ['medium', 'high', 'P2'],
    ['medium', 'medium', 'P3'],
    ['medium', 'low', 'P4'],
    ['low', 'high', 'P3'],
    ['low', 'medium', 'P4'],
    ['low', 'low', 'P5'],
  ] as const)('impact %s, urgency %s → %s', (impact, urgency, expected) => {
    expect(priorityOf(impact, urgency)).toBe(expected);
  });
});

describe('severity proposes impact and urgency', () => {
  it.each([
    ['SEV1', 'P1'],
    ['SEV2', 'P2'],
    ['SEV3', 'P3'],
    ['SEV4', 'P4'],
  ] as const)('%s proposes levels of priority %s', (severity, priority) => {
    const { impact, urgency } = SEVERITY_LEVELS[severity];
    expect(priorityOf(impact, urgency)).toBe(priority);
    expect(isProposedBy(severity, impact, urgency)).toBe(true);
  });

  it('moves proposed levels with the severity', () => {
    expect(levelsAfterSeverityChange('SEV3', 'SEV1', SEVERITY_LEVELS.SEV3)).toEqual(SEVERITY_LEVELS.SEV1);
  });

  it('keeps levels someone chose', () => {
    const chosen = { impact: 'low', urgency: 'high' } as const;
    expect(levelsAfterSeverityChange('SEV3', 'SEV1', chosen)).toEqual(chosen);
  });
});
