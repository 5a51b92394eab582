import { TEXT_LIMITS } from '../text/limits.js';
import { z } from 'zod';
import { SEVERITIES } from '../priority.js';
import { Id, Timestamp, UserRef } from './common.js';

/** The roles people hold during an incident. */
export const RESPONSE_ROLES = ['commander', 'communications', 'scribe'] as const;
export type ResponseRole = (typeof RESPONSE_ROLES)[number];
export const ResponseRoleSchema = z.enum(RESPONSE_ROLES);

const TaskTitle = z.string().trim().min(1, 'must not be empty').max(TEXT_LIMITS.taskTitle);
/** Minutes after attaching that a plan's task is due (up to a week). */
const DueMinutes = z.number().int().min(0).max(10_080);

/** One task of a response plan. */
export const PlanTask = z.object({
  title: TaskTitle,
  role: ResponseRoleSchema.nullable().default(null),
  dueMinutes: DueMinutes.nullable().default(null),
});
export type PlanTask = z.infer<typeof PlanTask>;

/** When a plan attaches itself: every non-empty rule must match; all empty means by hand only. */
export const PlanMatch = z.object({
  categories: z.array(z.string().trim().min(1).max(64)).max(50).default([]),
  serviceIds: z.array(Id).max(100).default([]),
  severities: z.array(z.enum(SEVERITIES)).max(4).default([]),
});
export type PlanMatch = z.infer<typeof PlanMatch>;

/** A response plan (playbook) as the API returns it. */
export const ResponsePlan = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  tasks: z.array(PlanTask),
  match: PlanMatch,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ResponsePlan = z.infer<typeof ResponsePlan>;

export const ResponsePlanList = z.object({ items: z.array(ResponsePlan) });

/** Body of `POST /response-plans`. */
export const CreatePlanBody = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100),
  description: z.string().max(TEXT_LIMITS.description).default(''),
  tasks: z.array(PlanTask).max(100).default([]),
  match: PlanMatch.default({ categories: [], serviceIds: [], severities: [] }),
});
export type CreatePlanBody = z.input<typeof CreatePlanBody>;

/** Body of `PATCH /response-plans/:id`. */
export const UpdatePlanBody = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(100).optional(),
    description: z.string().max(TEXT_LIMITS.description).optional(),
    tasks: z.array(PlanTask).max(100).optional(),
    match: PlanMatch.optional(),
  })
  .strict();
export type UpdatePlanBody = z.input<typeof UpdatePlanBody>;

/** A task of an incident. */
export const IncidentTask = z.object({
  id: z.number(),
  incidentRef: z.string(),
  title: z.string(),
  owner: UserRef.nullable(),
  role: ResponseRoleSchema.nullable(),
  dueAt: Timestamp.nullable(),
  doneAt: Timestamp.nullable(),
  doneBy: UserRef.nullable(),
  createdAt: Timestamp,
  position: z.number(),
  planId: z.number().nullable(),
});
export type IncidentTask = z.infer<typeof IncidentTask>;

export const IncidentTaskList = z.object({ items: z.array(IncidentTask) });

/** Body of `POST /incidents/:ref/tasks`. */
export const AddTaskBody = z.object({
  title: TaskTitle,
  ownerId: Id.nullable().optional(),
  role: ResponseRoleSchema.nullable().optional(),
  dueAt: Timestamp.nullable().optional(),
});
export type AddTaskBody = z.infer<typeof AddTaskBody>;

/** Body of `PATCH /incidents/:ref/tasks/:id`. */
export const UpdateTaskBody = z
  .object({
    title: TaskTitle.optional(),
    ownerId: Id.nullable().optional(),
    dueAt: Timestamp.nullable().optional(),
    done: z.boolean().optional(),
  })
  .strict();
export type UpdateTaskBody = z.infer<typeof UpdateTaskBody>;

/** Who holds each role of an incident (null when nobody does). */
export const IncidentRoles = z.object({
  items: z.array(z.object({ role: ResponseRoleSchema, user: UserRef.nullable() })),
});
export type IncidentRoles = z.infer<typeof IncidentRoles>;

/** Body of `PUT /incidents/:ref/roles/:role`. */
export const AssignRoleBody = z.object({ userId: Id.nullable() });
export type AssignRoleBody = z.infer<typeof AssignRoleBody>;

/** Body of `POST /incidents/:ref/plans`. */
export const AttachPlanBody = z.object({ planId: Id });

/** A plan attached to an incident. */
export const AttachedPlan = z.object({ id: z.number(), name: z.string(), attachedAt: Timestamp });
export const AttachedPlanList = z.object({ items: z.array(AttachedPlan) });
export type AttachedPlan = z.infer<typeof AttachedPlan>;
