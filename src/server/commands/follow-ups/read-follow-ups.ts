import type {
  FollowUp,
  FollowUpListQuery,
  FollowUpPage,
  IncidentFollowUps,
} from '../../../core/schemas/follow-ups.js';
import { isOpenFollowUp } from '../../../core/schemas/follow-ups.js';
import { listFollowUps, listFollowUpsOfIncident } from '../../store/queries/follow-ups.js';
import type { AppContext, Caller } from '../context.js';
import { loadIncident } from '../incident-guards.js';
import { viewFollowUp, viewFollowUps } from './follow-up-view.js';
import { loadFollowUp } from './write-follow-ups.js';

/** One page of follow-ups across incidents, filtered (`mine`: owned by the caller). */
export async function findFollowUps(
  ctx: AppContext,
  query: FollowUpListQuery,
  caller: Caller,
): Promise<FollowUpPage> {
  const db = ctx.store.db;
  const now = ctx.clock.now();
  const incidentId = query.incident === undefined ? undefined : (await loadIncident(db, query.incident)).id;
  const { rows, nextCursor } = await listFollowUps(db, query, { now, viewerId: caller.userId, incidentId });
  return { items: await viewFollowUps(db, rows, now), nextCursor };
}

/** One follow-up, or 404. */
export async function getFollowUp(ctx: AppContext, id: number): Promise<FollowUp> {
  const row = await loadFollowUp(ctx.store.db, id);
  return viewFollowUp(ctx.store.db, row, ctx.clock.now());
}

/** Every follow-up of an incident (still to do first) and how many are open. */
export async function followUpsOfIncident(ctx: AppContext, ref: string): Promise<IncidentFollowUps> {
  const db = ctx.store.db;
  const incident = await loadIncident(db, ref);
  const items = await viewFollowUps(db, await listFollowUpsOfIncident(db, incident.id), ctx.clock.now());
  return { items, openCount: items.filter((item) => isOpenFollowUp(item.state)).length };
}
