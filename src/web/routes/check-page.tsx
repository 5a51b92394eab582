import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { updateCheck, useCheck, useCheckResults, useCheckUptime, type Check } from '../api/checks.js';
import { useWrite } from '../api/catalog.js';
import { useCurrentUser } from '../api/session.js';
import { CheckStatusBadge } from '../components/badges.js';
import { LatencyChart, UptimeBars, formatLatency } from '../components/check-charts.js';
import { CheckForm, checkTarget, checkTypeLabel, formatSeconds } from '../components/check-form.js';
import { CheckWriteActions } from '../components/checks-table.js';
import { ErrorBanner, Loading } from '../components/form.js';
import { formatTime, timeAgo } from '../components/format.js';
import { PingUrl } from '../components/service-checks.js';
import { ShowMore } from '../components/load-more.js';
import { DataTable } from '../components/data-table.js';

const PAGE = 50;

const withSeconds = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  second: '2-digit',
});

/** One check: status, latency chart, uptime, settings and the latest results. */
export function CheckPage() {
  const id = useParams()['id'] ?? '';
  const check = useCheck(id);
  const { canWrite } = useCurrentUser();
  const navigate = useNavigate();
  const [isEditing, setEditing] = useState(false);

  if (check.isPending) return <Loading what="Loading check" />;
  if (check.isError) {
    return (
      <>
        <p className="crumbs">
          <Link to="/checks">Checks</Link>
        </p>
        <ErrorBanner error={check.error} />
      </>
    );
  }
  const c = check.data;

  return (
    <article className="check-page">
      <p className="crumbs">
        <Link to="/checks">Checks</Link> <span aria-hidden="true">/</span> {c.name}
      </p>
      <header className="incident-head">
        <div className="incident-title">
          <h1>{c.name}</h1>
        </div>
        <div className="incident-meta">
          <CheckStatusBadge status={c.status} />
          <span className="chip tag">{checkTypeLabel(c.type)}</span>
          <span className="muted check-target">{checkTarget(c)}</span>
          {canWrite && !isEditing ? (
            <span className="toolbar">
              <button type="button" className="button small ghost" onClick={() => setEditing(true)}>
                Edit
              </button>
              <CheckWriteActions check={c} onDeleted={() => void navigate('/checks')} />
            </span>
          ) : null}
        </div>
      </header>
      {isEditing ? <EditCheck check={c} onDone={() => setEditing(false)} /> : null}
      <div className="incident-body">
        <div className="main-col">
          <Charts check={c} />
          <Results check={c} />
        </div>
        <aside className="side">
          <section className="card">
            <h2 className="card-title">Settings</h2>
            <dl className="props">
              <dt>Service</dt>
              <dd>
                <Link to={`/services/${c.service.id}`}>{c.service.name}</Link>
              </dd>
              <dt>Type</dt>
              <dd>{checkTypeLabel(c.type)}</dd>
              <dt>Target</dt>
              <dd>{checkTarget(c)}</dd>
              <dt>Interval</dt>
              <dd>{formatSeconds(c.intervalSeconds)}</dd>
              {c.type !== 'heartbeat' ? (
                <>
                  <dt>Timeout</dt>
                  <dd>{formatLatency(c.timeoutMs)}</dd>
                  <dt>Retries</dt>
                  <dd>{c.retries}</dd>
                </>
              ) : (
                <>
                  <dt>Grace</dt>
                  <dd>
                    {typeof c.config['graceSeconds'] === 'number'
                      ? formatSeconds(c.config['graceSeconds'])
                      : '—'}
                  </dd>
                </>
              )}
              <dt>Last run</dt>
              <dd title={formatTime(c.lastCheckedAt)}>
                {c.lastCheckedAt ? timeAgo(c.lastCheckedAt) : 'never'}
              </dd>
              <dt>Last result</dt>
              <dd>{c.lastMessage ?? '—'}</dd>
            </dl>
          </section>
          {c.pingUrl ? (
            <section className="card">
              <h2 className="card-title">Ping URL</h2>
              <PingUrl url={c.pingUrl} />
            </section>
          ) : null}
        </aside>
      </div>
    </article>
  );
}

/** The edit form in a card. */
function EditCheck({ check, onDone }: { check: Check; onDone: () => void }) {
  const update = useWrite(updateCheck, ['checks']);
  return (
    <section className="card action-form">
      <h2 className="card-title">Edit check</h2>
      <CheckForm
        check={check}
        submitLabel="Save check"
        isPending={update.isPending}
        error={update.error}
        onUpdate={(body) => update.mutate({ id: check.id, ...body }, { onSuccess: onDone })}
        onCancel={onDone}
      />
    </section>
  );
}

/** Latency of the last 200 runs and uptime of the last 30 days. */
function Charts({ check }: { check: Check }) {
  const results = useCheckResults(check.id, check.lastCheckedAt);
  const uptime = useCheckUptime(check.id);
  return (
    <>
      <section className="card" aria-label="Latency">
        <div className="card-head">
          <h2 className="card-title">Latency</h2>
          <span className="muted">
            {results.data?.length === 1 ? 'the only run so far' : `last ${results.data?.length ?? 0} runs`}
          </span>
        </div>
        <ErrorBanner error={results.error} />
        {results.data ? <LatencyChart results={results.data} /> : <Loading what="Loading results" />}
      </section>
      <section className="card" aria-label="Uptime">
        <h2 className="card-title">Uptime, last 30 days</h2>
        <ErrorBanner error={uptime.error} />
        {uptime.data ? <UptimeBars days={uptime.data} /> : <Loading what="Loading uptime" />}
      </section>
    </>
  );
}

/** The latest runs, newest first. */
function Results({ check }: { check: Check }) {
  const results = useCheckResults(check.id, check.lastCheckedAt);
  const [shown, setShown] = useState(PAGE);
  const items = results.data ?? [];
  return (
    <section className="card" aria-label="Results">
      <h2 className="card-title">Results</h2>
      {results.isSuccess && items.length === 0 ? <p className="muted">No runs yet.</p> : null}
      {items.length > 0 ? (
        <DataTable columns={['Time', 'Result', 'Latency', 'Message']} className="results-table" isFlat>
          {items.slice(0, shown).map((r) => (
            <tr key={r.at} data-testid="check-result">
              <td data-label="Time" className="nowrap" title={formatTime(r.at)}>
                {withSeconds.format(new Date(r.at))}
              </td>
              <td data-label="Result">
                <span className={r.isUp ? 'badge check-up' : 'badge check-down'}>
                  <span className="dot" aria-hidden="true" />
                  {r.isUp ? 'Up' : 'Down'}
                </span>
              </td>
              <td data-label="Latency">{formatLatency(r.latencyMs)}</td>
              <td data-label="Message" className="result-message">
                {r.message ?? <span className="muted">—</span>}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      <ShowMore onShowMore={items.length > shown ? () => setShown(shown + PAGE) : undefined} />
    </section>
  );
}
