import { TEXT_LIMITS } from '../text/limits.js';
import { z } from 'zod';
import { Id, Timestamp, UserRef } from './common.js';

const Name = z.string().trim().min(1, 'must not be empty').max(100);
const Description = z.string().max(TEXT_LIMITS.description);
const Ref = z.object({ id: z.number(), name: z.string() });

/** A service of the catalog. */
export const Service = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  tier: z.number().int().min(1).max(4).nullable(),
  ownerTeam: Ref.nullable(),
  dependsOn: z.array(Ref),
  openIncidents: z.number(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Service = z.infer<typeof Service>;

export const ServiceBody = z.object({
  name: Name,
  description: Description.optional(),
  tier: z.number().int().min(1).max(4).nullable().optional(),
  ownerTeamId: Id.nullable().optional(),
  dependsOnIds: z.array(Id).max(100).optional(),
});
export type ServiceBody = z.infer<typeof ServiceBody>;

export const ServicePatch = ServiceBody.partial().strict();
export type ServicePatch = z.infer<typeof ServicePatch>;

export const TEAM_MEMBER_ROLES = ['lead', 'member'] as const;

/** A team and its members. */
export const Team = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  members: z.array(z.object({ user: UserRef, role: z.enum(TEAM_MEMBER_ROLES) })),
  services: z.array(Ref),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Team = z.infer<typeof Team>;

export const TeamBody = z.object({ name: Name, description: Description.optional() });
export type TeamBody = z.infer<typeof TeamBody>;

export const TeamPatch = TeamBody.partial().strict();
export type TeamPatch = z.infer<typeof TeamPatch>;

export const TeamMemberBody = z.object({
  userId: Id,
  role: z.enum(TEAM_MEMBER_ROLES).default('member'),
});
export type TeamMemberBody = z.infer<typeof TeamMemberBody>;
