import { Link, useParams } from 'react-router';
import { useAlert, type AlertHistoryEntry } from '../api/alerting.js';
import { AlertFlags, AlertSeverityBadge, AlertStatusBadge } from '../components/badges.js';
import { CopyButton } from '../components/copy.js';
import { ErrorBanner, Loading } from '../components/form.js';
import { formatShortTime, formatTime, humanize, timeAgo } from '../components/format.js';

/** Pretty JSON of a payload. */
function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** A detail value: text as is, anything else as compact JSON. */
function detailText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

/** Only http(s) links are rendered as links. */
function isWebLink(href: string): boolean {
  return /^https?:\/\//i.test(href);
}

const HISTORY_KINDS: Record<string, string> = {
  trigger: 'Triggered',
  suppressed: 'Triggered during maintenance (suppressed)',
  flapping: 'Triggered while flapping',
  acknowledge: 'Acknowledged',
  resolve: 'Resolved',
  released: 'Released after maintenance',
  expired: 'Expired (not re-sent before its end time)',
  resolved_with_incident: 'Resolved with its incident',
};

/** One alert: labels, details, links, raw payload and history. */
export function AlertPage() {
  const id = useParams()['id'] ?? '';
  const alert = useAlert(id);

  if (alert.isPending) return <Loading what="Loading alert" />;
  if (alert.isError) {
    return (
      <>
        <p className="crumbs">
          <Link to="/alerts">Alerts</Link>
        </p>
        <ErrorBanner error={alert.error} />
      </>
    );
  }
  const a = alert.data;
  const labels = Object.entries(a.labels);
  const details = Object.entries(a.details);
  const links = [
    ...a.links,
    ...(a.generatorUrl && !a.links.some((l) => l.href === a.generatorUrl)
      ? [{ href: a.generatorUrl, text: 'Source (generator URL)' }]
      : []),
  ];

  return (
    <article className="alert-page">
      <p className="crumbs">
        <Link to="/alerts">Alerts</Link> <span aria-hidden="true">/</span> Alert #{a.id}
      </p>
      <header className="incident-head">
        <div className="incident-title">
          <h1 data-testid="alert-summary">{a.summary}</h1>
        </div>
        <div className="incident-meta">
          <AlertStatusBadge status={a.status} />
          <AlertSeverityBadge severity={a.severity} />
          <AlertFlags alert={a} />
          <span className="muted" title={formatTime(a.startsAt)}>
            Started {timeAgo(a.startsAt)}
          </span>
          {a.incident ? (
            <Link to={`/incidents/${a.incident.ref}`} className="button small">
              Incident {a.incident.ref}
            </Link>
          ) : null}
        </div>
      </header>
      <div className="incident-body">
        <div className="main-col">
          <section className="card" aria-label="Labels">
            <h2 className="card-title">Labels</h2>
            {labels.length === 0 ? (
              <p className="muted">No labels.</p>
            ) : (
              <div className="label-chips">
                {labels.map(([name, value]) => (
                  <span key={name} className="chip label-chip">
                    <span className="label-name">{name}</span>
                    <span className="label-eq">=</span>
                    <span className="label-value">{value}</span>
                  </span>
                ))}
              </div>
            )}
          </section>
          {details.length > 0 ? (
            <section className="card" aria-label="Details">
              <h2 className="card-title">Details</h2>
              <dl className="props wide">
                {details.map(([name, value]) => (
                  <div key={name} className="detail-row">
                    <dt>{name}</dt>
                    <dd className={typeof value === 'string' ? 'prose' : 'mono'}>{detailText(value)}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ) : null}
          {links.length > 0 ? (
            <section className="card" aria-label="Links">
              <h2 className="card-title">Links</h2>
              <ul className="plain-list link-list">
                {links.map((l) => (
                  <li key={l.href}>
                    {isWebLink(l.href) ? (
                      <a href={l.href} target="_blank" rel="noreferrer noopener">
                        {l.text || l.href}
                      </a>
                    ) : (
                      <span>{l.text || l.href}</span>
                    )}
                    {l.text ? <span className="muted link-href">{l.href}</span> : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section className="card" aria-label="Raw payload">
            <details className="payload" open>
              <summary>
                <h2>Raw payload</h2>
                <span className="muted">as received with the latest trigger</span>
              </summary>
              <div className="code-block">
                <pre tabIndex={0} data-testid="alert-payload">
                  <code>{pretty(a.payload)}</code>
                </pre>
                <CopyButton text={pretty(a.payload)} what="raw payload" className="button small code-copy" />
              </div>
            </details>
          </section>
          <section className="card" aria-label="History">
            <h2 className="card-title">History</h2>
            {a.history.length === 0 ? <p className="muted">No events recorded.</p> : null}
            <ol className="tl-list">
              {[...a.history]
                .sort((x, y) => x.at.localeCompare(y.at) || x.id - y.id)
                .map((h) => (
                  <HistoryItem key={h.id} entry={h} />
                ))}
            </ol>
          </section>
        </div>
        <aside className="side">
          <section className="card">
            <h2 className="card-title">Alert</h2>
            <dl className="props">
              <dt>Service</dt>
              <dd>
                <Link to={`/services/${a.service.id}`}>{a.service.name}</Link>
              </dd>
              <dt>Incident</dt>
              <dd>
                {a.incident ? (
                  <Link to={`/incidents/${a.incident.ref}`} data-testid="alert-incident">
                    {a.incident.ref}
                  </Link>
                ) : (
                  <span className="muted" data-testid="alert-no-incident">
                    {a.suppressedBy
                      ? `none (suppressed by triage rule "${a.suppressedBy.ruleName}" of "${a.suppressedBy.ruleSetName}" v${String(a.suppressedBy.ruleSetVersion)})`
                      : a.isSuppressed
                        ? 'none (maintenance)'
                        : 'none yet'}
                  </span>
                )}
              </dd>
              <dt>Dedup key</dt>
              <dd>
                <code>{a.dedupKey}</code>
              </dd>
              <dt>Source</dt>
              <dd>{a.source ?? '—'}</dd>
              <dt>Events</dt>
              <dd>{a.eventCount}</dd>
            </dl>
          </section>
          <section className="card">
            <h2 className="card-title">Times</h2>
            <dl className="props milestones">
              {(
                [
                  ['Started', a.startsAt],
                  ['Last event', a.lastEventAt],
                  ['Acknowledged', a.acknowledgedAt],
                  ['Resolved', a.resolvedAt],
                  ['Expires', a.status === 'resolved' ? null : a.endsAt],
                ] as const
              ).map(([label, at]) => (
                <div key={label} className={at ? 'reached' : 'pending'}>
                  <dt>{label}</dt>
                  <dd title={formatTime(at)}>{formatShortTime(at)}</dd>
                </div>
              ))}
            </dl>
          </section>
        </aside>
      </div>
    </article>
  );
}

/** One history line: kind, time, message and the payload behind a toggle. */
function HistoryItem({ entry }: { entry: AlertHistoryEntry }) {
  const hasPayload = entry.payload !== null && entry.payload !== undefined;
  return (
    <li className={`tl-entry tl-alert-${entry.kind}`} data-testid="alert-history" data-kind={entry.kind}>
      <span className="tl-dot" aria-hidden="true" />
      <div className="tl-body">
        <div className="tl-head">
          <strong>{HISTORY_KINDS[entry.kind] ?? humanize(entry.kind)}</strong>
          <time dateTime={entry.at} className="tl-time" title={formatTime(entry.at)}>
            {formatShortTime(entry.at)}
          </time>
        </div>
        {entry.message ? <p className="tl-message">{entry.message}</p> : null}
        {hasPayload ? (
          <details className="payload small">
            <summary>Payload</summary>
            <pre tabIndex={0}>
              <code>{pretty(entry.payload)}</code>
            </pre>
          </details>
        ) : null}
      </div>
    </li>
  );
}
