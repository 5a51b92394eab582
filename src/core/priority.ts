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
