/** Impact, urgency and the ITIL priority matrix. */
export const LEVELS = ['high', 'medium', 'low'] as const;
export type Level = (typeof LEVELS)[number];

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

const RANK: Record<Level, number> = { high: 0, medium: 1, low: 2 };

/** Priority from impact × urgency (ITIL): high/high = P1 … low/low = P5. */
export function priorityOf(impact: Level, urgency: Level): Priority {
  const index = RANK[impact] + RANK[urgency];
  const priority = PRIORITIES[index];
  if (!priority) throw new Error(`no priority for ${impact}/${urgency}`);
  return priority;
}

/**
 * The impact and urgency a severity proposes, so that its priority matches it: SEV1 → P1,
 * SEV2 → P2, SEV3 → P3, SEV4 → P4. Someone may choose others; then both are kept.
 */
export const SEVERITY_LEVELS: Readonly<Record<Severity, { impact: Level; urgency: Level }>> = {
  SEV1: { impact: 'high', urgency: 'high' },
  SEV2: { impact: 'high', urgency: 'medium' },
  SEV3: { impact: 'medium', urgency: 'medium' },
  SEV4: { impact: 'medium', urgency: 'low' },
};

/** Whether impact and urgency are what `severity` proposes (nobody chose them apart from it). */
export function isProposedBy(severity: Severity, impact: Level, urgency: Level): boolean {
  const proposed = SEVERITY_LEVELS[severity];
  return proposed.impact === impact && proposed.urgency === urgency;
}

/**
 * Impact and urgency after the severity moves from `before` to `after`: they follow the new
 * severity while they are the old one's proposal; levels someone chose stay as they are.
 */
export function levelsAfterSeverityChange(
  before: Severity,
  after: Severity,
  levels: { impact: Level; urgency: Level },
): { impact: Level; urgency: Level } {
  return isProposedBy(before, levels.impact, levels.urgency) ? { ...SEVERITY_LEVELS[after] } : { ...levels };
}
