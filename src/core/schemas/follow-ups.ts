import { z } from 'zod';
import { TEXT_LIMITS } from '../text/limits.js';
import { Id, IncidentRefParam, Limit, StrictId, Timestamp, UserRef, listParam, pageOf } from './common.js';

/** Where a follow-up action stands: open → in progress → done, or won't do (with a reason). */
export const FOLLOW_UP_STATES = ['open', 'in_progress', 'done', 'wont_do'] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];

/** States a follow-up is still to be done in. */
export const OPEN_FOLLOW_UP_STATES = ['open', 'in_progress'] as const satisfies readonly FollowUpState[];

export const FOLLOW_UP_PRIORITIES = ['urgent', 'high', 'medium', 'low'] as const;
export type FollowUpPriority = (typeof FOLLOW_UP_PRIORITIES)[number];

/** The moves a follow-up may make; done and won't do may be reopened. */
const MOVES: Record<FollowUpState, readonly FollowUpState[]> = {
  open: ['in_progress', 'done', 'wont_do'],
  in_progress: ['open', 'done', 'wont_do'],
  done: ['open'],
  wont_do: ['open'],
};

/** Whether a follow-up may move from `from` to `to`. */
export function canMoveFollowUp(from: FollowUpState, to: FollowUpState): boolean {
  return MOVES[from].includes(to);
}

/** Whether a follow-up is still to be done. */
export function isOpenFollowUp(state: FollowUpState): boolean {
  return state === 'open' || state === 'in_progress';
}

const Title = z.string().trim().min(1, 'must not be empty').max(TEXT_LIMITS.title);
const Description = z.string().max(TEXT_LIMITS.longText);
const Reason = z.string().trim().max(TEXT_LIMITS.reason);
const ExternalUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
  .max(TEXT_LIMITS.address, `must be at most ${String(TEXT_LIMITS.address)} characters`);
/** A due date as a timestamp or a calendar day (`2026-12-24`, the end of that day UTC). */
const DueAt = z.union([Timestamp, z.iso.date()]);
const Version = z.number().int().positive().optional();

/** A follow-up action as the API returns it. */
export const FollowUp = z.object({
  id: z.number(),
  ref: z.string(),
  title: z.string(),
  description: z.string(),
  owner: UserRef.nullable(),
  team: z.object({ id: z.number(), name: z.string() }).nullable(),
  dueAt: Timestamp.nullable(),
  priority: z.enum(FOLLOW_UP_PRIORITIES),
  state: z.enum(FOLLOW_UP_STATES),
  wontDoReason: z.string().nullable(),
  externalUrl: z.string().nullable(),
  incidents: z.array(z.object({ id: z.number(), ref: z.string(), title: z.string(), status: z.string() })),
  isOverdue: z.boolean(),
  createdBy: UserRef.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  doneAt: Timestamp.nullable(),
  version: z.number(),
});
export type FollowUp = z.infer<typeof FollowUp>;

export const FollowUpPage = pageOf(FollowUp);
export type FollowUpPage = z.infer<typeof FollowUpPage>;

/** Body of `POST /follow-ups` (and of `POST /incidents/:ref/follow-ups`, which links that incident). */
export const CreateFollowUpBody = z.object({
  title: Title,
  description: Description.optional(),
  ownerId: Id.nullable().optional(),
  teamId: Id.nullable().optional(),
  dueAt: DueAt.nullable().optional(),
  priority: z.enum(FOLLOW_UP_PRIORITIES).default('medium'),
  externalUrl: ExternalUrl.nullable().optional(),
  incidentRefs: z.array(IncidentRefParam).max(50).optional(),
});
export type CreateFollowUpBody = z.infer<typeof CreateFollowUpBody>;

/** Body of `PATCH /follow-ups/:id`: any field, a state move, the linked incidents. */
export const UpdateFollowUpBody = z
  .object({
    title: Title.optional(),
    description: Description.optional(),
    ownerId: Id.nullable().optional(),
    teamId: Id.nullable().optional(),
    dueAt: DueAt.nullable().optional(),
    priority: z.enum(FOLLOW_UP_PRIORITIES).optional(),
    state: z.enum(FOLLOW_UP_STATES).optional(),
    /** Required when moving to `wont_do`. */
    wontDoReason: Reason.optional(),
    externalUrl: ExternalUrl.nullable().optional(),
    incidentRefs: z.array(IncidentRefParam).max(50).optional(),
    version: Version,
  })
  .strict();
export type UpdateFollowUpBody = z.infer<typeof UpdateFollowUpBody>;

/** Path of one follow-up: `/follow-ups/:id`. */
export const FollowUpParams = z.object({ id: StrictId });

/** Query of `GET /follow-ups`. */
export const FollowUpListQuery = z.object({
  state: listParam(z.enum(FOLLOW_UP_STATES)),
  /** `true`: open or in progress (a shorthand for `state=open,in_progress`). */
  open: z.enum(['true', 'false']).optional(),
  /** `true`: still to do and past the due date. */
  overdue: z.enum(['true', 'false']).optional(),
  /** `true`: owned by the caller. */
  mine: z.enum(['true', 'false']).optional(),
  ownerId: StrictId.optional(),
  teamId: StrictId.optional(),
  /** Follow-ups of incidents that affected this service. */
  serviceId: StrictId.optional(),
  incident: IncidentRefParam.optional(),
  priority: listParam(z.enum(FOLLOW_UP_PRIORITIES)),
  sort: z.enum(['due', 'newest']).default('newest'),
  limit: Limit,
  cursor: z.string().max(500).optional(),
});
export type FollowUpListQuery = z.infer<typeof FollowUpListQuery>;

/** The follow-ups of one incident, with how many are still open. */
export const IncidentFollowUps = z.object({ items: z.array(FollowUp), openCount: z.number() });
export type IncidentFollowUps = z.infer<typeof IncidentFollowUps>;
