import { type PlannedItem, linkKey, maintenanceSourceId } from '../../../core/import/plan.js';
import { toBeaconSchedule } from '../../../core/import/schedule-mapping.js';
import type {
  ImportKind,
  ImportPolicy,
  ImportSchedule,
  ImportService,
  ImportSetup,
  ImportPlanItem,
  ImportTeam,
  ImportedIntegration,
} from '../../../core/schemas/import.js';
import { TEXT_LIMITS } from '../../../core/text/limits.js';
import { upsertImportLink } from '../../store/queries/import-links.js';
import { storeInTransaction } from '../../store/store-in-transaction.js';
import { scheduleMaintenance } from '../alerts/maintenance.js';
import type { AppContext, Caller } from '../context.js';
import { createIntegration } from '../integrations.js';
import { inviteUser } from '../invites.js';
import { createPolicy, patchPolicy, setServiceEscalationPolicy } from '../oncall/escalation-policies.js';
import { addOverride, createSchedule, patchSchedule } from '../oncall/schedules.js';
import { createService, updateService } from '../services.js';
import { createTeam, removeTeamMember, setTeamMember, updateTeam } from '../teams.js';

/** What the apply needs besides the plan. */
export interface ApplyOptions {
  caller: Caller;
  signingSecret: string;
  baseUrl: string;
  /**
   * Called inside each record's transaction, after the record is written and before its link:
   * a throw rolls both back (tests use it to stop an apply halfway).
   */
  afterRecord?: (kind: ImportKind, sourceId: string) => void;
}

const BEACON_KIND: Record<ImportKind, string> = {
  user: 'user',
  team: 'team',
  schedule: 'schedule',
  override: 'schedule_override',
  escalation_policy: 'escalation_policy',
  service: 'service',
  integration: 'integration',
  maintenance: 'maintenance_window',
};

/**
 * Carry out `items`, planned for `setup`, through the same commands the API uses, in the order
 * their references need (users, teams, schedules, policies, services, integrations,
 * maintenance). Each record and its link commit in one transaction, so an apply stopped halfway
 * leaves no record without its link and resumes where it stopped when run again. Returns the new integration keys by source id.
 */
export class PlanApplier {
  private readonly ids = new Map<string, number>();
  private readonly byKey = new Map<string, PlannedItem>();
  readonly keys = new Map<string, { key: string; keyPrefix: string }>();

  constructor(
    private readonly ctx: AppContext,
    private readonly setup: ImportSetup,
    items: PlannedItem[],
    private readonly options: ApplyOptions,
  ) {
    for (const item of items) {
      this.byKey.set(linkKey(item.kind, item.sourceId), item);
      if (item.beaconId !== null) this.ids.set(linkKey(item.kind, item.sourceId), item.beaconId);
    }
  }

  /** The Beacon id of a source item, once it exists. */
  idOf(kind: ImportKind, sourceId: string): number | undefined {
    return this.ids.get(linkKey(kind, sourceId));
  }

  async apply(): Promise<void> {
    const { caller, signingSecret } = this.options;
    for (const user of this.setup.users) {
      await this.write('user', user.sourceId, (ctx) =>
        inviteUser(
          ctx,
          caller,
          { email: user.email, name: user.name.slice(0, 100), role: user.role },
          signingSecret,
        ),
      );
    }
    for (const team of this.setup.teams) await this.writeTeam(team);
    for (const schedule of this.setup.schedules) await this.writeSchedule(schedule);
    for (const policy of this.setup.escalationPolicies) await this.writePolicy(policy);
    for (const service of this.setup.services) await this.writeService(service);
    for (const window of this.setup.maintenanceWindows) {
      for (const serviceId of window.serviceSourceIds) {
        await this.write('maintenance', maintenanceSourceId(window.sourceId, serviceId), (ctx) =>
          scheduleMaintenance(ctx, caller, this.need('service', serviceId), {
            startsAt: window.start,
            endsAt: window.end,
            reason: window.description.slice(0, TEXT_LIMITS.reason),
          }),
        );
      }
    }
  }

  /**
   * Run the plan's action for one item — `create` makes it, `update` (when given) changes it —
   * and write its link, all in one transaction: the commands see that transaction as their store.
   */
  private async write(
    kind: ImportKind,
    sourceId: string,
    create: (ctx: AppContext) => Promise<{ id: number }>,
    update?: (ctx: AppContext, id: number) => Promise<unknown>,
  ): Promise<number | undefined> {
    const item = this.byKey.get(linkKey(kind, sourceId));
    if (!item || item.action === 'skip') return item?.beaconId ?? undefined;
    const id = await this.ctx.store.transaction(async (tx) => {
      const ctx = { ...this.ctx, store: storeInTransaction(this.ctx.store, tx) };
      let recordId = item.beaconId;
      if (recordId === null) recordId = (await create(ctx)).id;
      else if (update) await update(ctx, recordId);
      this.options.afterRecord?.(kind, sourceId);
      const now = this.ctx.clock.now();
      await upsertImportLink(tx, {
        source: this.setup.source,
        source_kind: kind,
        source_id: sourceId,
        beacon_kind: BEACON_KIND[kind],
        beacon_id: recordId,
        fingerprint: item.fingerprint,
        created_at: now,
        updated_at: now,
      });
      return recordId;
    });
    item.beaconId = id;
    this.ids.set(linkKey(kind, sourceId), id);
    return id;
  }

  private need(kind: ImportKind, sourceId: string): number {
    const id = this.idOf(kind, sourceId);
    if (id === undefined) throw new Error(`the plan needs ${kind} ${sourceId}, which has no Beacon record`);
    return id;
  }

  private async writeTeam(team: ImportTeam): Promise<void> {
    const body = {
      name: team.name.slice(0, 100),
      description: team.description.slice(0, TEXT_LIMITS.description),
    };
    const { caller } = this.options;
    const id = await this.write(
      'team',
      team.sourceId,
      (ctx) => createTeam(ctx, body, caller),
      (ctx, teamId) => updateTeam(ctx, teamId, body, caller),
    );
    const item = this.byKey.get(linkKey('team', team.sourceId));
    if (id === undefined || item?.action === 'skip') return;
    for (const member of team.members) {
      const userId = this.idOf('user', member.userSourceId);
      if (userId !== undefined) await setTeamMember(this.ctx, id, { userId, role: member.role }, caller);
    }
    for (const userId of item?.removeUserIds ?? []) await removeTeamMember(this.ctx, id, userId, caller);
  }

  private async writeSchedule(schedule: ImportSchedule): Promise<void> {
    const mapped = toBeaconSchedule(schedule, (id) => this.idOf('user', id), this.ctx.clock.now());
    if ('skip' in mapped) return;
    const { caller, baseUrl } = this.options;
    const body = {
      name: schedule.name.slice(0, TEXT_LIMITS.oncallName),
      description: schedule.description.slice(0, TEXT_LIMITS.oncallDescription),
      timeZone: mapped.timeZone,
      layers: mapped.layers,
    };
    const scheduleId = await this.write(
      'schedule',
      schedule.sourceId,
      (ctx) => createSchedule(ctx, body, baseUrl, caller),
      (ctx, id) => patchSchedule(ctx, id, body, baseUrl, caller),
    );
    if (scheduleId === undefined) return;
    for (const override of mapped.overrides) {
      await this.write('override', override.sourceId, (ctx) =>
        addOverride(ctx, caller, scheduleId, {
          userId: override.userId,
          start: new Date(override.start).toISOString(),
          end: new Date(override.end).toISOString(),
        }),
      );
    }
  }

  private async writePolicy(policy: ImportPolicy): Promise<void> {
    // Built only when the plan writes the policy: a skipped one may name targets never imported.
    const body = () => ({
      name: policy.name.slice(0, TEXT_LIMITS.oncallName),
      description: policy.description.slice(0, TEXT_LIMITS.oncallDescription),
      repeatCount: Math.min(9, policy.repeatCount),
      steps: policy.steps.map((step) => ({
        delayMinutes: Math.min(1440, Math.max(1, step.delayMinutes)),
        targets: step.targets.map((target) => ({
          type: target.kind,
          id: this.need(target.kind, target.sourceId),
        })),
      })),
    });
    const { caller } = this.options;
    await this.write(
      'escalation_policy',
      policy.sourceId,
      (ctx) => createPolicy(ctx, body(), caller),
      (ctx, id) => patchPolicy(ctx, id, body(), caller),
    );
  }

  private async writeService(service: ImportService): Promise<void> {
    const { caller } = this.options;
    const ownerTeamId =
      service.teamSourceId === null ? null : (this.idOf('team', service.teamSourceId) ?? null);
    const body = {
      name: service.name.slice(0, 100),
      description: service.description.slice(0, TEXT_LIMITS.description),
      ownerTeamId,
    };
    const policyId =
      service.policySourceId === null
        ? null
        : (this.idOf('escalation_policy', service.policySourceId) ?? null);
    const setPolicy = (ctx: AppContext, id: number) => setServiceEscalationPolicy(ctx, id, policyId, caller);
    const serviceId = await this.write(
      'service',
      service.sourceId,
      async (ctx) => {
        const created = await createService(ctx, body, caller);
        await setPolicy(ctx, created.id);
        return created;
      },
      async (ctx, id) => {
        await updateService(ctx, id, body, caller);
        await setPolicy(ctx, id);
      },
    );
    if (serviceId === undefined) return;
    for (const integration of service.integrations) {
      const type = integration.beaconType;
      if (type === null) continue;
      await this.write('integration', integration.sourceId, async (ctx) => {
        const created = await createIntegration(ctx, caller, serviceId, {
          type,
          name: integration.name.slice(0, 100) || type,
        });
        this.keys.set(integration.sourceId, { key: created.key, keyPrefix: created.keyPrefix });
        return created;
      });
    }
  }
}

/**
 * Each integration of `setup` with the old key next to Beacon's: its id from the plan, the new
 * key only from the apply that made it, else the first characters Beacon keeps (`prefixes`).
 */
export function importedIntegrations(
  setup: ImportSetup,
  items: readonly ImportPlanItem[],
  keys: ReadonlyMap<string, { key: string; keyPrefix: string }>,
  prefixes: ReadonlyMap<number, string>,
): ImportedIntegration[] {
  const ids = new Map(items.filter((i) => i.kind === 'integration').map((i) => [i.sourceId, i.beaconId]));
  return setup.services.flatMap((service) =>
    service.integrations.map((integration) => {
      const beaconId = ids.get(integration.sourceId) ?? null;
      const made = keys.get(integration.sourceId);
      return {
        sourceId: integration.sourceId,
        service: service.name,
        name: integration.name,
        sourceType: integration.sourceType,
        oldKey: integration.oldKey,
        oldAddress: integration.oldAddress,
        beaconType: integration.beaconType,
        beaconId,
        key: made?.key ?? null,
        keyPrefix: made?.keyPrefix ?? (beaconId === null ? null : (prefixes.get(beaconId) ?? null)),
      };
    }),
  );
}
