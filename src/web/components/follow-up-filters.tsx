import {
  FOLLOW_UP_PRIORITIES,
  FOLLOW_UP_STATES,
  type FollowUpPriority,
} from '../../core/schemas/follow-ups.js';
import type { FollowUpFilters } from '../api/follow-ups.js';
import { useTeams, useUsers } from '../api/catalog.js';
import { Field } from './form.js';
import { FOLLOW_UP_PRIORITY_TEXT, FOLLOW_UP_STATE_TEXT } from './follow-up-labels.js';
import { ServiceFilter } from './service-filter.js';
import { ActiveUserOptions } from './user-options.js';

/** Read the filters from the URL: open follow-ups, newest first, by default. */
export function followUpFiltersFrom(params: URLSearchParams): FollowUpFilters {
  const state = params.get('state') ?? 'open';
  const priority = params.get('priority') ?? '';
  return {
    state:
      state === 'all'
        ? ''
        : (FOLLOW_UP_STATES as readonly string[]).includes(state)
          ? (state as FollowUpFilters['state'])
          : 'open',
    overdue: params.get('overdue') === 'true' ? 'true' : '',
    mine: params.get('mine') === 'true' ? 'true' : '',
    ownerId: params.get('ownerId') ?? '',
    teamId: params.get('teamId') ?? '',
    serviceId: params.get('serviceId') ?? '',
    priority: (FOLLOW_UP_PRIORITIES as readonly string[]).includes(priority)
      ? (priority as FollowUpPriority)
      : '',
    sort: params.get('sort') === 'due' ? 'due' : 'newest',
  };
}

/** The URL of these filters (defaults left out), keeping `focus` when given. */
export function followUpSearchOf(filters: FollowUpFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.state !== 'open') params.set('state', filters.state === '' ? 'all' : filters.state);
  for (const key of ['overdue', 'mine', 'ownerId', 'teamId', 'serviceId', 'priority'] as const) {
    if (filters[key]) params.set(key, filters[key]);
  }
  if (filters.sort !== 'newest') params.set('sort', filters.sort);
  return params;
}

/** How many filters differ from the default view. */
export function activeFollowUpFilters(f: FollowUpFilters): number {
  return [
    f.state !== 'open',
    f.overdue,
    f.mine,
    f.ownerId,
    f.teamId,
    f.serviceId,
    f.priority,
    f.sort !== 'newest',
  ].filter(Boolean).length;
}

interface Props {
  filters: FollowUpFilters;
  onChange: (patch: Partial<FollowUpFilters>) => void;
}

/** The filter bar above the follow-ups list. */
export function FollowUpFilterBar({ filters, onChange }: Props) {
  const users = useUsers();
  const teams = useTeams();
  return (
    <div className="filters follow-up-filters" role="search">
      <Field label="State">
        {(id) => (
          <select
            id={id}
            value={filters.state === '' ? 'all' : filters.state}
            onChange={(e) =>
              onChange({
                state: e.target.value === 'all' ? '' : (e.target.value as FollowUpFilters['state']),
              })
            }
          >
            <option value="open">Still to do</option>
            {FOLLOW_UP_STATES.map((s) => (
              <option key={s} value={s}>
                {FOLLOW_UP_STATE_TEXT[s]}
              </option>
            ))}
            <option value="all">All</option>
          </select>
        )}
      </Field>
      <Field label="Due">
        {(id) => (
          <select
            id={id}
            value={filters.overdue}
            onChange={(e) => onChange({ overdue: e.target.value === 'true' ? 'true' : '' })}
          >
            <option value="">Any time</option>
            <option value="true">Overdue</option>
          </select>
        )}
      </Field>
      <Field label="Owner">
        {(id) => (
          <select
            id={id}
            value={filters.mine ? 'mine' : filters.ownerId}
            onChange={(e) =>
              onChange(
                e.target.value === 'mine'
                  ? { mine: 'true', ownerId: '' }
                  : { mine: '', ownerId: e.target.value },
              )
            }
          >
            <option value="">Anyone</option>
            <option value="mine">Mine</option>
            <ActiveUserOptions users={users.data ?? []} />
          </select>
        )}
      </Field>
      <Field label="Team">
        {(id) => (
          <select id={id} value={filters.teamId} onChange={(e) => onChange({ teamId: e.target.value })}>
            <option value="">Any</option>
            {(teams.data ?? []).map((t) => (
              <option key={t.id} value={String(t.id)}>
                {t.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ServiceFilter value={filters.serviceId} onChange={(serviceId) => onChange({ serviceId })} />
      <Field label="Priority">
        {(id) => (
          <select
            id={id}
            value={filters.priority}
            onChange={(e) => onChange({ priority: e.target.value as FollowUpFilters['priority'] })}
          >
            <option value="">Any</option>
            {FOLLOW_UP_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {FOLLOW_UP_PRIORITY_TEXT[p]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Sort" className="filter-sort">
        {(id) => (
          <select
            id={id}
            value={filters.sort}
            onChange={(e) => onChange({ sort: e.target.value === 'due' ? 'due' : 'newest' })}
          >
            <option value="newest">Newest first</option>
            <option value="due">Due soonest</option>
          </select>
        )}
      </Field>
    </div>
  );
}
