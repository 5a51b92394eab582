import type { IncidentStatus } from '../../../core/incident-status.js';
import { escalationReason, isFinishedStatus } from '../../../core/oncall/escalation-reason.js';
import type { EscalationState, PagedPerson, PagingPreview } from '../../../core/schemas/oncall.js';
import {
  findPolicyById,
  latestRunOf,
  pagingServiceAmong,
  pagingServiceOf,
  stepsOf,
} from '../../store/queries/escalation.js';
import { activeMaintenance } from '../../store/queries/maintenance.js';
import { activeUsersByIds, pagesOfIncident } from '../../store/queries/notifications.js';
import { latestActorOf } from '../../store/queries/timeline.js';
import type { Executor } from '../../store/store.js';
import { type AppContext, iso } from '../context.js';
import { loadIncident } from '../incident-guards.js';
import { resolveTargets } from './notify-users.js';

type PagingService = Awaited<ReturnType<typeof pagingServiceOf>>;

/** Where an incident's escalation stands, why nobody is paged if nobody is, and who was paged. */
export async function getEscalation(ctx: AppContext, ref: string): Promise<EscalationState> {
  const db = ctx.store.db;
  const now = ctx.clock.now();
  const incident = await loadIncident(db, ref);
  const status = incident.status as IncidentStatus;
  const run = await latestRunOf(db, incident.id);
  const isActive = run !== undefined && run.ended_at === null;
  const paging = await pagingFacts(db, await pagingServiceOf(db, incident.id), now);
  const incidentRef = `INC-${incident.number}`;
  const { reason, text } = escalationReason({
    ref: incidentRef,
    status,
    policyName: paging.policy?.name ?? null,
    hasRun: run !== undefined,
    isRunActive: isActive,
    runEndReason: run?.end_reason ?? null,
    maintenance: paging.maintenance,
    reachesAnyone: paging.reachable.length > 0,
  });
  const ack = await latestActorOf(db, incident.id, 'acknowledged');
  return {
    incidentRef,
    policyId: run?.policy_id ?? null,
    isActive,
    stepIndex: isActive ? run.step_index : null,
    repeatIndex: isActive ? run.repeat_index : null,
    nextAt: isActive ? iso(run.due_at) : null,
    reason,
    reasonText: text,
    paged: await pagedPeople(db, incident.id, ack?.actor_type === 'user' ? ack.actor_id : null),
    acknowledgedBy: ack
      ? { id: ack.actor_type === 'user' ? ack.actor_id : null, name: ack.actor_name }
      : null,
    acknowledgedAt: iso(ack ? ack.at : null),
    canReassign: !isFinishedStatus(status),
    canEscalate: status === 'triggered',
  };
}

/** Who declaring an incident on `serviceIds` as triggered would page first, or why nobody. */
export async function previewPaging(ctx: AppContext, serviceIds: readonly number[]): Promise<PagingPreview> {
  const db = ctx.store.db;
  const now = ctx.clock.now();
  const paging = await pagingFacts(db, await pagingServiceAmong(db, serviceIds), now);
  const { reason, text } = escalationReason({
    ref: 'The incident',
    status: 'triggered',
    policyName: paging.policy?.name ?? null,
    hasRun: false,
    isRunActive: true,
    runEndReason: null,
    maintenance: paging.maintenance,
    reachesAnyone: paging.reachable.length > 0,
  });
  const who = paging.firstStep.join(', ') || 'nobody at first';
  const reasonText =
    reason === 'escalating'
      ? `Triggered pages ${who} at once (${paging.policy?.name ?? ''}).`
      : reason !== 'no_policy'
        ? text
        : serviceIds.length === 0
          ? 'No service is chosen, so no escalation policy pages anyone.'
          : 'None of the chosen services has an escalation policy.';
  return { policy: paging.policy, names: paging.firstStep, reason, reasonText };
}

/** The paging policy, its maintenance window, and the active people its steps reach at `now`. */
async function pagingFacts(db: Executor, service: PagingService, now: number) {
  const policy = service && (await findPolicyById(db, service.policyId));
  if (!service || !policy) return { policy: null, maintenance: null, reachable: [], firstStep: [] };
  const window = await activeMaintenance(db, service.serviceId, now);
  const steps = await stepsOf(db, [policy.id]);
  const reached = await Promise.all(steps.map((step) => resolveTargets(db, step.targets, now)));
  const reachable = await activeUsersByIds(db, reached.flat());
  const first = new Set(reached[0] ?? []);
  return {
    policy: { id: policy.id, name: policy.name },
    maintenance: window ? { serviceName: service.serviceName, until: utcMinute(window.ends_at) } : null,
    reachable,
    firstStep: reachable.filter((user) => first.has(user.id)).map((user) => user.name),
  };
}

/** Everyone paged about an incident, newest first; `ackUserId` acknowledged it. */
async function pagedPeople(
  db: Executor,
  incidentId: number,
  ackUserId: number | null,
): Promise<PagedPerson[]> {
  const rows = await pagesOfIncident(db, incidentId);
  return rows.map((row) => ({
    user: { id: row.user_id, name: row.name },
    reason: row.reason,
    pagedAt: iso(row.paged_at),
    channel: row.channel,
    delivery: (row.status as PagedPerson['delivery'] | null) ?? null,
    sentAt: iso(row.sent_at),
    hasAcknowledged: row.user_id === ackUserId,
  }));
}

function utcMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
