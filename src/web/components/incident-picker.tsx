import { useEffect, useState } from 'react';
import { useIncidentList, type IncidentFilters } from '../api/incidents.js';
import { Field } from './form.js';
import { statusLabel } from './format.js';

const OPEN_NEWEST: Omit<IncidentFilters, 'q'> = {
  status: [],
  severity: '',
  serviceId: '',
  open: 'true',
  sort: 'newest',
  mine: '',
  unassigned: '',
};

interface Props {
  /** The chosen incident's ref, or '' for none yet. */
  value: string;
  onChange: (incidentRef: string) => void;
  /** An incident not to offer (the one a report is moved away from). */
  exclude?: string | undefined;
  error?: string | undefined;
}

/** Choose an open incident: a search box narrowing a list of the newest open incidents. */
export function IncidentPicker({ value, onChange, exclude, error }: Props) {
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);
  const list = useIncidentList({ ...OPEN_NEWEST, q: search });
  const incidents = (list.data?.pages[0]?.items ?? []).filter((i) => i.ref !== exclude);
  // A choice the search no longer lists is dropped, so what is submitted is what is shown.
  useEffect(() => {
    if (value && list.isSuccess && !incidents.some((i) => i.ref === value)) onChange('');
  }, [value, list.isSuccess, incidents, onChange]);

  return (
    <div className="incident-picker">
      <Field label="Find an open incident">
        {(id) => (
          <input
            id={id}
            type="search"
            placeholder="Title or INC-12"
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
        )}
      </Field>
      <Field label="Incident" error={error}>
        {(id, describedBy) => (
          <select
            id={id}
            aria-describedby={describedBy}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          >
            <option value="">
              {list.isPending ? 'Loading…' : incidents.length === 0 ? 'No open incident matches' : 'Choose…'}
            </option>
            {incidents.map((i) => (
              <option key={i.ref} value={i.ref}>
                {i.ref} · {i.title} ({statusLabel(i.status)})
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
