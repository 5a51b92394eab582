import { InvalidTransitionError, NotFoundError, ValidationError } from '../../../core/errors.js';
import type {
  CorrectUpdateBody,
  PublicIncidentState,
  PublicUpdate,
  PublishUpdateBody,
} from '../../../core/schemas/status-page.js';
import { worstStatus } from '../../../core/status/derive-status.js';
import type {
  ComponentStatus,
  PublicImpact,
  PublicIncidentStatus,
  PublicIncidentView,
} from '../../../core/status/snapshot.js';
import type { IncidentRecord } from '../../store/queries/incidents.js';
import {
  type PublicationRow,
  bumpStatusVersion,
  existingComponentIds,
  findPublicUpdate,
  findPublication,
  insertPublicUpdate,
  insertPublication,
  insertUpdateComponents,
  publicUpdatesOf,
  updateComponentsOf,
  updatePublicUpdate,
  updatePublication,
  updateStatusComponent,
} from '../../store/queries/status-page.js';
import type { Executor } from '../../store/store.js';
import { type AppContext, type Caller, actorOf, iso } from '../context.js';
import { loadIncident } from '../incident-guards.js';
import { incidentRef } from '../incident-view.js';
import { tellReporters } from '../reports/tell-reporters.js';
import { appendTimeline } from '../timeline.js';
import { statusPageUrl } from './page-settings.js';
import { queueComponentUpdates } from './component-updates.js';
import { queueIncidentNews } from './subscriber-news.js';
import { publicIncidentView } from './snapshot-views.js';
import {
  type ShownUpdate,
  type ShownUpdateComponent,
  componentStatuses,
  loadStatusSources,
} from './status-sources.js';

/** The impact a first publication gets when none is given: from the worst status it sets. */
const IMPACT_OF_STATUS: Record<ComponentStatus, PublicImpact> = {
  operational: 'none',
  under_maintenance: 'none',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

/** An incident's public face: whether it is published, its public title and impact, its updates. */
export async function getPublicUpdates(ctx: AppContext, ref: string): Promise<PublicIncidentState> {
  const db = ctx.store.db;
  const incident = await loadIncident(db, ref);
  const publication = await findPublication(db, incident.id);
  const updates = await publicUpdatesOf(db, [incident.id]);
  const namedOf = await namedComponents(
    db,
    updates.map((u) => u.id),
  );
  return {
    isPublished: publication !== undefined,
    publicTitle: publication?.public_title ?? null,
    impact: (publication?.public_impact as PublicImpact | undefined) ?? null,
    items: updates.map((u) => viewPublicUpdate(incident, u, namedOf.get(u.id) ?? [])),
  };
}

/**
 * Publish a public update (responder): the first one puts the incident on the status page. Named
 * components in manual mode take the status it gives them; the timeline records it, and the
 * page's version moves, in the same transaction. Resolving an incident does not publish anything:
 * until a `resolved` update is posted, the page shows it unresolved.
 */
export async function publishPublicUpdate(
  ctx: AppContext,
  caller: Caller,
  ref: string,
  body: PublishUpdateBody,
): Promise<PublicUpdate> {
  const now = ctx.clock.now();
  const update = await ctx.store.transaction(async (tx) => {
    const prepared = await prepareUpdate(tx, ref, body, now);
    const { incident, publication } = prepared;
    const row = await insertPublicUpdate(tx, {
      incident_id: incident.id,
      status: body.status,
      message: body.message,
      author_id: caller.userId,
      posted_at: now,
      edited_at: null,
    });
    await insertUpdateComponents(
      tx,
      body.components.map((c) => ({
        update_id: row.id,
        component_id: c.componentId,
        old_status: prepared.oldStatuses.get(c.componentId) ?? null,
        new_status: c.status,
      })),
    );
    for (const c of body.components) {
      if (prepared.manualIds.has(c.componentId)) {
        await updateStatusComponent(tx, c.componentId, { manual_status: c.status, updated_at: now });
      }
    }
    const state = {
      status: body.status,
      resolved_at: body.status === 'resolved' ? now : null,
      updated_at: now,
    };
    if (publication) {
      await updatePublication(tx, incident.id, {
        ...state,
        ...(body.publicTitle !== undefined ? { public_title: body.publicTitle } : {}),
        ...(body.impact !== undefined ? { public_impact: body.impact } : {}),
      });
    } else {
      await insertPublication(tx, {
        incident_id: incident.id,
        public_title: prepared.title,
        public_impact: prepared.impact,
        published_at: now,
        ...state,
      });
    }
    await bumpStatusVersion(tx, now);
    await tellReporters(
      tx,
      incident.id,
      { kind: 'update', updateId: row.id, status: body.status, message: body.message },
      now,
    );
    await queueIncidentNews(tx, incident.id, { id: row.id }, now);
    await queueComponentUpdates(tx, now);
    const named = body.components.map((c) => ({
      component_id: c.componentId,
      name: prepared.names.get(c.componentId) ?? '',
      new_status: c.status,
    }));
    const lead = publication ? 'Public update on the status page' : 'Published to the status page';
    await appendTimeline(tx, {
      incidentId: incident.id,
      at: now,
      actor: actorOf(caller),
      kind: 'public_update',
      changes: null,
      body: `${lead}: ${label(body.status)} — ${body.message}${componentLine(named)}`,
    });
    const [inserted] = await publicUpdatesOf(tx, [incident.id]);
    return viewPublicUpdate(incident, inserted ?? { ...row, author_name: null, author_email: null }, named);
  });
  ctx.onIncidentsChanged();
  return update;
}

/** How the incident would look on the page with this update published; writes nothing. */
export async function previewPublicUpdate(
  ctx: AppContext,
  ref: string,
  body: PublishUpdateBody,
  baseUrl: string,
): Promise<PublicIncidentView> {
  const db = ctx.store.db;
  const now = ctx.clock.now();
  const prepared = await prepareUpdate(db, ref, body, now);
  const { incident, publication } = prepared;
  const existing = await publicUpdatesOf(db, [incident.id]);
  const namedOf = await namedComponents(
    db,
    existing.map((u) => u.id),
  );
  const draft: ShownUpdate = {
    id: 0,
    incident_id: incident.id,
    status: body.status,
    message: body.message,
    author_id: null,
    posted_at: now,
    edited_at: null,
    author_name: null,
    author_email: null,
  };
  namedOf.set(
    0,
    body.components.map((c) => ({
      update_id: 0,
      component_id: c.componentId,
      old_status: prepared.oldStatuses.get(c.componentId) ?? null,
      new_status: c.status,
      name: prepared.names.get(c.componentId) ?? '',
    })),
  );
  const shown = {
    incident_id: incident.id,
    public_title: body.publicTitle ?? prepared.title,
    public_impact: body.impact ?? prepared.impact,
    status: body.status,
    resolved_at: body.status === 'resolved' ? now : null,
    published_at: publication?.published_at ?? now,
    updated_at: now,
    started_at: incident.started_at,
  };
  return publicIncidentView(shown, [draft, ...existing], namedOf, statusPageUrl(baseUrl));
}

/** Correct a published update (responder): its message or status; shown as updated. */
export async function correctPublicUpdate(
  ctx: AppContext,
  caller: Caller,
  ref: string,
  id: number,
  body: CorrectUpdateBody,
): Promise<PublicUpdate> {
  if (body.message === undefined && body.status === undefined) {
    throw new ValidationError('message', 'give the corrected message or status');
  }
  const now = ctx.clock.now();
  const update = await ctx.store.transaction(async (tx) => {
    const incident = await loadPublishableIncident(tx, ref);
    const row = await findPublicUpdate(tx, incident.id, id);
    if (!row) throw new NotFoundError(`public update ${id} of ${incidentRef(incident.number)}`);
    await updatePublicUpdate(tx, id, {
      ...(body.message !== undefined ? { message: body.message } : {}),
      ...(body.status !== undefined ? { status: body.status } : {}),
      edited_at: now,
    });
    const updates = await publicUpdatesOf(tx, [incident.id]);
    const latest = updates[0];
    if (latest) {
      await updatePublication(tx, incident.id, {
        status: latest.status,
        resolved_at: latest.status === 'resolved' ? latest.posted_at : null,
        updated_at: now,
      });
    }
    await bumpStatusVersion(tx, now);
    await queueIncidentNews(tx, incident.id, { id, editedAt: now }, now);
    await queueComponentUpdates(tx, now);
    const corrected = updates.find((u) => u.id === id) ?? { ...row, author_name: null, author_email: null };
    await appendTimeline(tx, {
      incidentId: incident.id,
      at: now,
      actor: actorOf(caller),
      kind: 'public_update',
      changes: null,
      body: `Corrected a public update on the status page: ${label(corrected.status)} — ${corrected.message}`,
    });
    const named = (await namedComponents(tx, [id])).get(id) ?? [];
    return viewPublicUpdate(incident, corrected, named);
  });
  ctx.onIncidentsChanged();
  return update;
}

interface PreparedUpdate {
  incident: IncidentRecord;
  publication: PublicationRow | undefined;
  /** The public title and impact the incident has (or gets when first published). */
  title: string;
  impact: PublicImpact;
  /** Each component's status before the update, its name, and which are in manual mode. */
  oldStatuses: Map<number, ComponentStatus>;
  names: Map<number, string>;
  manualIds: Set<number>;
}

/** Check an update against the incident and the components, and read what it changes. */
async function prepareUpdate(
  db: Executor,
  ref: string,
  body: PublishUpdateBody,
  now: number,
): Promise<PreparedUpdate> {
  const incident = await loadPublishableIncident(db, ref);
  const ids = body.components.map((c) => c.componentId);
  const existing = await existingComponentIds(db, ids);
  ids.forEach((componentId, index) => {
    if (!existing.has(componentId)) {
      throw new ValidationError(`components.${index}.componentId`, `no component with id ${componentId}`);
    }
    if (ids.indexOf(componentId) !== index) {
      throw new ValidationError(`components.${index}.componentId`, 'names a component twice');
    }
  });
  const publication = await findPublication(db, incident.id);
  const sources = await loadStatusSources(db, now);
  const statuses = componentStatuses(sources);
  return {
    incident,
    publication,
    title: publication?.public_title ?? body.publicTitle ?? incident.title,
    impact:
      (publication?.public_impact as PublicImpact | undefined) ??
      body.impact ??
      (body.components.length === 0
        ? 'minor'
        : IMPACT_OF_STATUS[worstStatus(body.components.map((c) => c.status))]),
    oldStatuses: statuses,
    names: new Map(sources.components.map((c) => [c.id, c.name])),
    manualIds: new Set(sources.components.filter((c) => c.status_mode === 'manual').map((c) => c.id)),
  };
}

async function loadPublishableIncident(db: Executor, ref: string): Promise<IncidentRecord> {
  const incident = await loadIncident(db, ref);
  if (incident.status === 'merged') {
    throw new InvalidTransitionError(
      `${incidentRef(incident.number)} was merged into another incident; publish updates there`,
    );
  }
  return incident;
}

async function namedComponents(db: Executor, updateIds: readonly number[]) {
  const byUpdate = new Map<number, ShownUpdateComponent[]>();
  for (const row of await updateComponentsOf(db, updateIds)) {
    const list = byUpdate.get(row.update_id) ?? [];
    list.push(row);
    byUpdate.set(row.update_id, list);
  }
  return byUpdate;
}

function viewPublicUpdate(
  incident: IncidentRecord,
  row: ShownUpdate,
  named: readonly { component_id: number; name: string; new_status: string }[],
): PublicUpdate {
  return {
    id: row.id,
    incidentRef: incidentRef(incident.number),
    status: row.status as PublicIncidentStatus,
    message: row.message,
    components: named.map((n) => ({
      componentId: n.component_id,
      name: n.name,
      status: n.new_status as ComponentStatus,
    })),
    author:
      row.author_id === null
        ? null
        : { id: row.author_id, name: row.author_name ?? '', email: row.author_email ?? '' },
    postedAt: iso(row.posted_at),
    editedAt: iso(row.edited_at),
  };
}

/** `Major outage` from `major_outage`. */
function label(status: string): string {
  const words = status.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function componentLine(named: readonly { name: string; new_status: string }[]): string {
  if (named.length === 0) return '';
  return `\nComponents: ${named.map((n) => `${n.name} → ${label(n.new_status)}`).join(', ')}`;
}
