import type { Service, ServiceBody, ServicePatch } from '../../core/schemas/catalog.js';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.js';
import {
  deleteService,
  findServiceById,
  insertService,
  listServiceDependencies,
  listServices,
  openIncidentCounts,
  setServiceDependencies,
  updateService as updateServiceRow,
} from '../store/queries/services.js';
import { findTeamById, listTeams } from '../store/queries/teams.js';
import type { Executor } from '../store/store.js';
import { auditChange } from './audit-change.js';
import { type AppContext, type Caller, iso } from './context.js';
import { assertServicesExist } from './incident-guards.js';

/** Every service with owner, dependencies and open incident count. */
export async function getServices(ctx: AppContext): Promise<Service[]> {
  return viewServices(ctx.store.db);
}

/** One service, or 404. */
export async function getService(ctx: AppContext, id: number): Promise<Service> {
  const service = (await viewServices(ctx.store.db)).find((s) => s.id === id);
  if (!service) throw new NotFoundError(`service ${id}`);
  return service;
}

async function viewServices(db: Executor): Promise<Service[]> {
  const [rows, edges, teams, counts] = await Promise.all([
    listServices(db),
    listServiceDependencies(db),
    listTeams(db),
    openIncidentCounts(db),
  ]);
  const names = new Map(rows.map((r) => [r.id, r.name]));
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    tier: row.tier,
    ownerTeam:
      row.owner_team_id === null
        ? null
        : { id: row.owner_team_id, name: teamNames.get(row.owner_team_id) ?? '' },
    dependsOn: edges
      .filter((e) => e.service_id === row.id)
      .map((e) => ({ id: e.depends_on_id, name: names.get(e.depends_on_id) ?? '' })),
    openIncidents: counts.get(row.id) ?? 0,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  }));
}

async function assertTeam(db: Executor, id: number | null | undefined): Promise<void> {
  if (id === null || id === undefined) return;
  if (!(await findTeamById(db, id))) throw new ValidationError('ownerTeamId', `no team with id ${id}`);
}

/** Throws when adding these dependencies would make a cycle. */
async function assertNoCycle(db: Executor, serviceId: number, dependsOn: readonly number[]): Promise<void> {
  if (dependsOn.includes(serviceId))
    throw new ValidationError('dependsOnIds', 'a service cannot depend on itself');
  const edges = await listServiceDependencies(db);
  const seen = new Set<number>();
  const stack = [...dependsOn];
  while (stack.length > 0) {
    const next = stack.pop() as number;
    if (next === serviceId)
      throw new ValidationError('dependsOnIds', 'these dependencies would form a cycle');
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(
      ...edges.filter((e) => e.service_id === next && e.service_id !== serviceId).map((e) => e.depends_on_id),
    );
  }
}

function uniqueName<T>(work: Promise<T>, name: string): Promise<T> {
  return work.catch((error: unknown) => {
    if (/unique|duplicate/i.test(String(error)))
      throw new ConflictError(`a service named "${name}" exists`, 'name');
    throw error;
  });
}

/** Add a service to the catalog. */
export async function createService(ctx: AppContext, body: ServiceBody, caller?: Caller): Promise<Service> {
  const now = ctx.clock.now();
  const id = await uniqueName(
    ctx.store.transaction(async (tx) => {
      await assertTeam(tx, body.ownerTeamId);
      await assertServicesExist(tx, body.dependsOnIds, 'dependsOnIds');
      const row = await insertService(tx, {
        name: body.name,
        description: body.description ?? '',
        tier: body.tier ?? null,
        owner_team_id: body.ownerTeamId ?? null,
        created_at: now,
        updated_at: now,
      });
      await setServiceDependencies(tx, row.id, body.dependsOnIds ?? []);
      await auditChange(tx, caller, now, 'service.create', row.id, { after: body });
      return row.id;
    }),
    body.name,
  );
  return getService(ctx, id);
}

/** Change a service. */
export async function updateService(
  ctx: AppContext,
  id: number,
  patch: ServicePatch,
  caller?: Caller,
): Promise<Service> {
  await uniqueName(
    ctx.store.transaction(async (tx) => {
      if (!(await findServiceById(tx, id))) throw new NotFoundError(`service ${id}`);
      await assertTeam(tx, patch.ownerTeamId);
      if (patch.dependsOnIds) {
        await assertServicesExist(tx, patch.dependsOnIds, 'dependsOnIds');
        await assertNoCycle(tx, id, patch.dependsOnIds);
        await setServiceDependencies(tx, id, patch.dependsOnIds);
      }
      await updateServiceRow(tx, id, {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.tier !== undefined ? { tier: patch.tier } : {}),
        ...(patch.ownerTeamId !== undefined ? { owner_team_id: patch.ownerTeamId } : {}),
        updated_at: ctx.clock.now(),
      });
      await auditChange(tx, caller, ctx.clock.now(), 'service.update', id, { changes: patch });
    }),
    patch.name ?? '',
  );
  return getService(ctx, id);
}

/** Remove a service from the catalog. */
export async function removeService(ctx: AppContext, id: number, caller?: Caller): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    const row = await findServiceById(tx, id);
    if (!row) throw new NotFoundError(`service ${id}`);
    await deleteService(tx, id);
    await auditChange(tx, caller, ctx.clock.now(), 'service.delete', id, { name: row.name });
  });
}
