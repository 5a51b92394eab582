import { useEffect, useState } from 'react';
import type { ReportFilters } from '../api/reports.js';
import { Field } from './form.js';

interface Props {
  filters: ReportFilters;
  onChange: (patch: Partial<ReportFilters>) => void;
}

/** The filter bar above the reports inbox: linked or not, source, text. */
export function ReportFilterBar({ filters, onChange }: Props) {
  const [q, setQ] = useState(filters.q);
  useEffect(() => setQ(filters.q), [filters.q]);
  useEffect(() => {
    if (q === filters.q) return;
    const timer = setTimeout(() => onChange({ q }), 300);
    return () => clearTimeout(timer);
  }, [q, filters.q, onChange]);

  return (
    <div className="filters" role="search">
      <Field label="Search" className="filter-search">
        {(id) => (
          <input
            id={id}
            type="search"
            placeholder="Message, name, email, R-1042…"
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
        )}
      </Field>
      <Field label="Linked">
        {(id) => (
          <select
            id={id}
            value={filters.linked}
            onChange={(e) => onChange({ linked: e.target.value as ReportFilters['linked'] })}
          >
            <option value="">All reports</option>
            <option value="unlinked">Not linked to an incident</option>
            <option value="linked">Linked to an incident</option>
          </select>
        )}
      </Field>
      <Field label="Source">
        {(id) => (
          <select
            id={id}
            value={filters.source}
            onChange={(e) => onChange({ source: e.target.value as ReportFilters['source'] })}
          >
            <option value="">Any</option>
            <option value="form">Form</option>
            <option value="api">API</option>
            <option value="email">Email</option>
          </select>
        )}
      </Field>
    </div>
  );
}
