import { describe, expect, it } from 'vitest';
import { PlanMatch } from '../schemas/response.js';
import { planMatches } from './plan-match.js';

const incident = { category: 'outage', serviceIds: [1, 2], severity: 'SEV1' };

describe('planMatches', () => {
  it('never matches a plan without rules (manual only)', () => {
    expect(planMatches(PlanMatch.parse({}), incident)).toBe(false);
  });

  it('needs every non-empty rule to hold, any value within a rule', () => {
    expect(planMatches(PlanMatch.parse({ severities: ['SEV1', 'SEV2'] }), incident)).toBe(true);
    expect(planMatches(PlanMatch.parse({ severities: ['SEV2'] }), incident)).toBe(false);
    expect(planMatches(PlanMatch.parse({ serviceIds: [2, 9], categories: ['outage'] }), incident)).toBe(true);
    expect(planMatches(PlanMatch.parse({ serviceIds: [9], categories: ['outage'] }), incident)).toBe(false);
    expect(planMatches(PlanMatch.parse({ categories: ['security'] }), { ...incident, category: null })).toBe(
      false,
    );
  });
});
