import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useChecks } from '../api/checks.js';
import { useCurrentUser } from '../api/session.js';
import { ChecksTable } from '../components/checks-table.js';
import { ErrorBanner, Field, Loading } from '../components/form.js';

const STATUS_ORDER = { down: 0, pending: 1, up: 2, paused: 3 } as const;

/** Every check: down ones first, with latency chart and 30-day uptime. */
export function ChecksPage() {
  const checks = useChecks();
  const { canWrite } = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const shown = useMemo(
    () =>
      (checks.data ?? [])
        .filter((c) => !status || c.status === status)
        .sort(
          (a, b) =>
            STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
            a.service.name.localeCompare(b.service.name) ||
            a.name.localeCompare(b.name),
        ),
    [checks.data, status],
  );
  const counts = (checks.data ?? []).reduce<Record<string, number>>((acc, c) => {
    acc[c.status] = (acc[c.status] ?? 0) + 1;
    return acc;
  }, {});

  return (
    <>
      <div className="page-head">
        <h1>Checks</h1>
        {checks.data ? (
          <p className="check-counts" aria-label="Checks by status">
            <span className="count-up">{counts['up'] ?? 0} up</span>
            <span className="count-down">{counts['down'] ?? 0} down</span>
            {counts['pending'] ? <span className="muted">{counts['pending']} pending</span> : null}
            {counts['paused'] ? <span className="muted">{counts['paused']} paused</span> : null}
          </p>
        ) : null}
      </div>
      <div className="filters alert-filters" role="search">
        <Field label="Check status">
          {(id) => (
            <select
              id={id}
              value={status}
              onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {}, { replace: true })}
            >
              <option value="">Any</option>
              <option value="down">Down</option>
              <option value="up">Up</option>
              <option value="pending">Pending</option>
              <option value="paused">Paused</option>
            </select>
          )}
        </Field>
      </div>
      <ErrorBanner error={checks.error} />
      {checks.isPending ? <Loading what="Loading checks" /> : null}
      {checks.isSuccess && shown.length === 0 ? (
        <div className="empty">
          {checks.data.length === 0 ? (
            <>
              No checks yet. Add HTTP, TCP or heartbeat checks on a <Link to="/services">service’s</Link>{' '}
              Checks tab.
            </>
          ) : (
            'No checks match this filter.'
          )}
        </div>
      ) : null}
      {shown.length > 0 ? <ChecksTable checks={shown} showService canWrite={canWrite} /> : null}
    </>
  );
}
