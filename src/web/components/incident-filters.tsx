import { useEffect, useState } from 'react';
import { INCIDENT_STATUSES, type IncidentStatus } from '../../core/incident-status.js';
import { SEVERITIES } from '../../core/priority.js';
import type { IncidentSort } from '../../core/schemas/incident.js';
import type { IncidentFilters } from '../api/incidents.js';
import { CheckList } from './check-list.js';
import { Field } from './form.js';
import { statusLabel } from './format.js';
import { ServiceFilter } from './service-filter.js';

const SORTS: { value: IncidentSort; label: string }[] = [
  { value: 'newest', label: 'Newest first' },
  { value: 'oldest', label: 'Oldest first' },
  { value: 'updated', label: 'Recently updated' },
  { value: 'severity', label: 'Severity' },
  { value: 'number', label: 'Number' },
];

interface Props {
  filters: IncidentFilters;
  onChange: (patch: Partial<IncidentFilters>) => void;
}

/** The filter bar above the incident list. */
export function IncidentFilterBar({ filters, onChange }: Props) {
  const [q, setQ] = useState(filters.q);
  useEffect(() => setQ(filters.q), [filters.q]);
  useEffect(() => {
    if (q === filters.q) return;
    const timer = setTimeout(() => onChange({ q }), 300);
    return () => clearTimeout(timer);
  }, [q, filters.q, onChange]);

  const statusSummary =
    filters.status.length === 0
      ? 'Any'
      : filters.status.map((s) => statusLabel(s as IncidentStatus)).join(', ');

  return (
    <div className="filters" role="search">
      <Field label="Search" className="filter-search">
        {(id) => (
          <input
            id={id}
            type="search"
            placeholder="Title, summary, INC-12…"
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
        )}
      </Field>
      <Field label="Open or closed">
        {(id) => (
          <select
            id={id}
            value={filters.open}
            onChange={(e) => onChange({ open: e.target.value as IncidentFilters['open'] })}
          >
            <option value="true">Open</option>
            <option value="false">Closed</option>
            <option value="">All</option>
          </select>
        )}
      </Field>
      <details className="dropdown">
        <summary>
          <span className="dropdown-label">Status</span>
          <span className="dropdown-value" title={statusSummary}>
            {statusSummary}
          </span>
        </summary>
        <div className="dropdown-panel">
          <CheckList
            legend="Status"
            options={INCIDENT_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
            selected={filters.status}
            onChange={(status) => onChange({ status })}
          />
        </div>
      </details>
      <Field label="Severity">
        {(id) => (
          <select id={id} value={filters.severity} onChange={(e) => onChange({ severity: e.target.value })}>
            <option value="">Any</option>
            {SEVERITIES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Assigned">
        {(id) => (
          <select
            id={id}
            value={filters.mine ? 'mine' : filters.unassigned ? 'unassigned' : ''}
            onChange={(e) =>
              onChange({
                mine: e.target.value === 'mine' ? 'true' : '',
                unassigned: e.target.value === 'unassigned' ? 'true' : '',
              })
            }
          >
            <option value="">Anyone</option>
            <option value="mine">Mine</option>
            <option value="unassigned">Unassigned</option>
          </select>
        )}
      </Field>
      <ServiceFilter value={filters.serviceId} onChange={(serviceId) => onChange({ serviceId })} />
      <Field label="Sort" className="filter-sort">
        {(id) => (
          <select
            id={id}
            value={filters.sort}
            onChange={(e) => onChange({ sort: e.target.value as IncidentSort })}
          >
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
