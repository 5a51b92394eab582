import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAlertList, type AlertFilters } from '../api/alerting.js';
import { AlertsTable } from '../components/alerts-table.js';
import { ErrorBanner, Field, Loading } from '../components/form.js';
import { LoadMore } from '../components/load-more.js';
import { ServiceFilter } from '../components/service-filter.js';

const STATUSES: { value: AlertFilters['status']; label: string }[] = [
  { value: 'open', label: 'Open (firing or acknowledged)' },
  { value: 'firing', label: 'Firing' },
  { value: 'acknowledged', label: 'Acknowledged' },
  { value: 'resolved', label: 'Resolved' },
  { value: '', label: 'All' },
];

/** Read the filters from the URL: open alerts by default. */
function filtersFrom(params: URLSearchParams): AlertFilters {
  const status = params.get('status');
  const known = STATUSES.some((s) => s.value === status && status !== '');
  return {
    status: status === 'all' ? '' : known ? (status as AlertFilters['status']) : 'open',
    serviceId: params.get('serviceId') ?? '',
    incident: params.get('incident') ?? '',
  };
}

/** Every alert, newest first: filter by status and service, "load more" paging. */
export function AlertsPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFrom(params), [params]);
  const list = useAlertList(filters);
  const alerts = list.data?.pages.flatMap((page) => page.items) ?? [];

  const onChange = (patch: Partial<AlertFilters>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        const merged = { ...filters, ...patch };
        if (merged.status === 'open') next.delete('status');
        else next.set('status', merged.status || 'all');
        for (const key of ['serviceId', 'incident'] as const) {
          if (merged[key]) next.set(key, merged[key]);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <div className="page-head">
        <h1>Alerts</h1>
      </div>
      <div className="filters alert-filters" role="search">
        <Field label="Alert status" className="alert-status-filter">
          {(id) => (
            <select
              id={id}
              value={filters.status}
              onChange={(e) => onChange({ status: e.target.value as AlertFilters['status'] })}
            >
              {STATUSES.map((s) => (
                <option key={s.value || 'all'} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <ServiceFilter value={filters.serviceId} onChange={(serviceId) => onChange({ serviceId })} />
        {filters.incident ? (
          <div className="field filter-chip">
            <span className="label-text">Incident</span>
            <span className="chip">
              <Link to={`/incidents/${filters.incident}`}>{filters.incident}</Link>
              <button
                type="button"
                className="chip-remove"
                aria-label={`Show alerts of every incident, not only ${filters.incident}`}
                onClick={() => onChange({ incident: '' })}
              >
                ×
              </button>
            </span>
          </div>
        ) : null}
      </div>
      <ErrorBanner error={list.error} />
      {list.isPending ? <Loading what="Loading alerts" /> : null}
      {list.isSuccess && alerts.length === 0 ? (
        <div className="empty">
          {filters.status === 'open' ? 'No open alerts. All quiet.' : 'No alerts match these filters.'}
        </div>
      ) : null}
      {alerts.length > 0 ? <AlertsTable alerts={alerts} /> : null}
      <LoadMore pager={list} />
    </>
  );
}
