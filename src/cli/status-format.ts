import { InvalidArgumentError } from 'commander';
import type { Service } from '../core/schemas/catalog.js';
import type { ComponentGroup, PublicIncidentState, StatusComponent } from '../core/schemas/status-page.js';
import { COMPONENT_STATUSES, type ComponentStatus } from '../core/status/snapshot.js';
import { CliError } from './cli-error.js';
import { formatAge, formatTable } from './format-table.js';

/** A `--component NAME=STATUS` as typed: the component by id or name, and its status. */
export interface ComponentChoice {
  component: string;
  status: ComponentStatus;
}

/** Parse one `--component web=partial_outage` (commander argParser collecting every one given). */
export function componentOption(value: string, previous: ComponentChoice[] = []): ComponentChoice[] {
  const at = value.lastIndexOf('=');
  const component = at > 0 ? value.slice(0, at).trim() : '';
  const status = at > 0 ? value.slice(at + 1).trim() : '';
  if (component === '') throw new InvalidArgumentError('must be COMPONENT=STATUS, e.g. web=partial_outage');
  if (!(COMPONENT_STATUSES as readonly string[]).includes(status)) {
    throw new InvalidArgumentError(
      `status must be one of ${COMPONENT_STATUSES.join(', ')} (got "${status}")`,
    );
  }
  return [...previous, { component, status: status as ComponentStatus }];
}

/** The component a choice names, by id or name (case-insensitive), failing with the known ones listed. */
export function findComponent(components: readonly StatusComponent[], ref: string): StatusComponent {
  const wanted = ref.trim().toLowerCase();
  const found = /^\d+$/.test(wanted)
    ? components.find((c) => c.id === Number(wanted))
    : components.find((c) => c.name.toLowerCase() === wanted);
  if (found) return found;
  const known = components.map((c) => `${c.id} "${c.name}"`).join(', ');
  throw new CliError(
    `--component: no component "${ref}" (${known ? `components: ${known}` : 'the status page has no components yet'})`,
  );
}

/** Components in page order: by group position, ungrouped last, then by their own position. */
export function inPageOrder(
  components: readonly StatusComponent[],
  groups: readonly ComponentGroup[],
): StatusComponent[] {
  const rank = new Map(groups.map((g) => [g.id, g.position]));
  const groupRank = (c: StatusComponent) =>
    c.groupId === null ? Number.MAX_SAFE_INTEGER : (rank.get(c.groupId) ?? Number.MAX_SAFE_INTEGER);
  return [...components].sort(
    (a, b) =>
      groupRank(a) - groupRank(b) ||
      (a.groupId ?? 0) - (b.groupId ?? 0) ||
      a.position - b.position ||
      a.id - b.id,
  );
}

/** The components as a table: group, name and what the page shows now. */
export function formatComponentStates(
  components: readonly StatusComponent[],
  groups: readonly ComponentGroup[],
): string {
  if (components.length === 0) return 'no components yet (add them on the Status page admin screen)';
  const names = new Map(groups.map((g) => [g.id, g.name]));
  return formatTable(inPageOrder(components, groups), [
    {
      header: 'GROUP',
      value: (c) => (c.groupId === null ? '-' : (names.get(c.groupId) ?? '-')),
      maxWidth: 30,
    },
    { header: 'COMPONENT', value: (c) => c.name, maxWidth: 40 },
    { header: 'STATUS', value: (c) => c.status },
  ]);
}

/** Every detail of the components: id, mode, the services behind each, uptime shown or not. */
export function formatComponentDetails(
  components: readonly StatusComponent[],
  groups: readonly ComponentGroup[],
  services: readonly Service[],
): string {
  if (components.length === 0) return 'no components yet (add them on the Status page admin screen)';
  const groupNames = new Map(groups.map((g) => [g.id, g.name]));
  const serviceNames = new Map(services.map((s) => [s.id, s.name]));
  return formatTable(inPageOrder(components, groups), [
    { header: 'ID', value: (c) => String(c.id), align: 'right' },
    { header: 'NAME', value: (c) => c.name, maxWidth: 40 },
    {
      header: 'GROUP',
      value: (c) => (c.groupId === null ? '-' : (groupNames.get(c.groupId) ?? '-')),
      maxWidth: 30,
    },
    { header: 'STATUS', value: (c) => c.status },
    { header: 'MODE', value: (c) => c.statusMode },
    {
      header: 'SERVICES',
      value: (c) => c.serviceIds.map((id) => serviceNames.get(id) ?? `#${id}`).join(', ') || '-',
      maxWidth: 40,
    },
    { header: 'UPTIME', value: (c) => (c.showUptime ? 'shown' : 'hidden') },
  ]);
}

/** A published incident whose public status is not resolved yet. */
export interface PublishedIncident extends PublicIncidentState {
  ref: string;
}

/** The published, unresolved incidents as a table, or a line saying there are none. */
export function formatPublishedIncidents(incidents: readonly PublishedIncident[], now = Date.now()): string {
  if (incidents.length === 0) return 'no published incident is unresolved';
  return formatTable(incidents, [
    { header: 'REF', value: (i) => i.ref },
    { header: 'PUBLIC TITLE', value: (i) => i.publicTitle ?? '-', maxWidth: 50 },
    { header: 'STATUS', value: (i) => i.items[0]?.status ?? '-' },
    { header: 'IMPACT', value: (i) => i.impact ?? '-' },
    { header: 'UPDATED', value: (i) => (i.items[0] ? `${formatAge(i.items[0].postedAt, now)} ago` : '-') },
  ]);
}

/** Whether an incident's public face is on the page and not resolved there. */
export function isPublishedUnresolved(state: PublicIncidentState): boolean {
  return state.isPublished && state.items[0]?.status !== 'resolved';
}
