import { useCallback, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { IncidentSort } from '../../core/schemas/incident.js';
import { useIncidentList, type IncidentFilters } from '../api/incidents.js';
import { useCurrentUser } from '../api/session.js';
import { PriorityBadge, SeverityBadge, StatusBadge } from '../components/badges.js';
import { ErrorBanner, Loading } from '../components/form.js';
import { GettingStartedChecklist } from '../components/getting-started.js';
import { useGettingStarted } from '../api/getting-started.js';
import { formatTime, timeAgo } from '../components/format.js';
import { FiltersFold } from '../components/filters-fold.js';
import { IncidentFilterBar } from '../components/incident-filters.js';
import { LoadMore } from '../components/load-more.js';
import { DataTable } from '../components/data-table.js';

/** Read the list filters from the URL (open incidents, newest first by default). */
function filtersFrom(params: URLSearchParams): IncidentFilters {
  const open = params.get('open');
  return {
    status: (params.get('status') ?? '').split(',').filter(Boolean),
    severity: params.get('severity') ?? '',
    serviceId: params.get('serviceId') ?? '',
    q: params.get('q') ?? '',
    open: open === 'all' ? '' : open === 'false' ? 'false' : 'true',
    sort: (params.get('sort') as IncidentSort | null) ?? 'newest',
    mine: params.get('mine') === 'true' ? 'true' : '',
    unassigned: params.get('unassigned') === 'true' ? 'true' : '',
  };
}

/** How many filters differ from the default view (open incidents, newest first). */
function activeFilterCount(f: IncidentFilters): number {
  return [f.status.length > 0, f.severity, f.serviceId, f.q, f.open !== 'true', f.sort !== 'newest'].filter(
    Boolean,
  ).length;
}

/** The incident list: filters, sorting, "load more" paging, live updates. */
export function IncidentListPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFrom(params), [params]);
  const list = useIncidentList(filters);
  const checklist = useGettingStarted();
  // Whether the list and the checklist above it have both answered (or failed).
  const isSettled = !list.isPending && !checklist.isPending;
  const { canWrite } = useCurrentUser();

  const onChange = useCallback(
    (patch: Partial<IncidentFilters>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch)) {
            const text = Array.isArray(value) ? value.join(',') : (value ?? '');
            if (key === 'open') next.set('open', text === '' ? 'all' : text);
            else if (text === '' || (key === 'sort' && text === 'newest')) next.delete(key);
            else next.set(key, text);
          }
          if (next.get('open') === 'true') next.delete('open');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const incidents = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <div className="page-head">
        <h1>Incidents</h1>
        {canWrite ? (
          <Link to="/incidents/new" className="button primary">
            Declare incident
          </Link>
        ) : null}
      </div>
      <FiltersFold activeCount={activeFilterCount(filters)}>
        <IncidentFilterBar filters={filters} onChange={onChange} />
      </FiltersFold>
      {/* The checklist and the list appear together, so neither moves the other under a tap. */}
      {isSettled ? <GettingStartedChecklist isOptional isCompact={incidents.length > 0} /> : null}
      <ErrorBanner error={list.error} />
      {isSettled ? null : <Loading what="Loading incidents" />}
      {isSettled && list.isSuccess && incidents.length === 0 ? (
        <div className="empty">No incidents match these filters.</div>
      ) : null}
      {isSettled && incidents.length > 0 ? (
        <DataTable
          columns={['Incident', 'Status', 'Severity', 'Priority', 'Commander', 'Started']}
          className="incident-table"
        >
          {incidents.map((incident) => (
            <tr key={incident.id} data-testid="incident-row">
              <td className="cell-main">
                <Link to={`/incidents/${incident.ref}`} className="incident-link">
                  <span className="ref">{incident.ref}</span>
                  <span className="title">{incident.title}</span>
                </Link>
                {incident.services.length > 0 ? (
                  <span className="sub">{incident.services.map((s) => s.name).join(', ')}</span>
                ) : null}
              </td>
              <td data-label="Status" className="cell-badge">
                <StatusBadge status={incident.status} />
              </td>
              <td data-label="Severity" className="cell-badge">
                <SeverityBadge severity={incident.severity} />
              </td>
              <td data-label="Priority" className="cell-badge">
                <PriorityBadge priority={incident.priority} />
              </td>
              <td data-label="Commander">{incident.commander?.name || incident.commander?.email || '—'}</td>
              <td data-label="Started" title={formatTime(incident.startedAt)}>
                {timeAgo(incident.startedAt)}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      <LoadMore pager={list} />
    </>
  );
}
