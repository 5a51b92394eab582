/** User roles and what each may do. */
export const ROLES = ['admin', 'responder', 'support', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * viewer: reads; support: also submits and reads customer reports (help desks, chatbots,
 * support agents); responder: also works incidents; admin: also users and settings.
 */
const RANK: Record<Role, number> = { viewer: 0, support: 1, responder: 2, admin: 3 };

/** True when `role` is at least `needed` (admin ⊃ responder ⊃ support ⊃ viewer). */
export function hasRole(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}
