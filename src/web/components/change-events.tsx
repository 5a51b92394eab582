import { Link } from 'react-router';
import type { ChangeEvent } from '../../core/schemas/alerting.js';
import { useChangeEvents } from '../api/alerting.js';
import { ApiError } from '../api/client.js';
import { ErrorBanner, Loading } from './form.js';
import { formatShortTime, formatTime, timeAgo } from './format.js';

/** One change: when, what, where from, links. */
function ChangeItem({ change, showService }: { change: ChangeEvent; showService: boolean }) {
  return (
    <li className="change-item" data-testid="change-event">
      <span className="change-mark" aria-hidden="true" />
      <div className="change-body">
        <div>
          <strong>{change.summary}</strong>
        </div>
        <div className="change-meta muted">
          <time dateTime={change.at} title={formatTime(change.at)}>
            {formatShortTime(change.at)} · {timeAgo(change.at)}
          </time>
          {change.source ? <span> · {change.source}</span> : null}
          {showService ? (
            <>
              {' · '}
              <Link to={`/services/${change.service.id}`}>{change.service.name}</Link>
            </>
          ) : null}
          {change.links.map((l) => (
            <span key={l.href}>
              {' · '}
              <a href={l.href} target="_blank" rel="noreferrer noopener">
                {l.text || l.href}
              </a>
            </span>
          ))}
        </div>
      </div>
    </li>
  );
}

/** Recent changes of a service: a card with the list, or a line when there are none. */
export function ServiceChanges({ serviceId }: { serviceId: number }) {
  const changes = useChangeEvents({ serviceId });
  return (
    <section className="card" aria-label="Recent changes">
      <h2 className="card-title">Recent changes</h2>
      <ErrorBanner error={changes.error} />
      {changes.isPending ? <Loading what="Loading changes" /> : null}
      {changes.data?.length === 0 ? (
        <p className="muted empty-line">
          No changes recorded. Deploy tools can send change events (PagerDuty change events) through an
          integration of this service.
        </p>
      ) : null}
      <ul className="plain-list changes">
        {(changes.data ?? []).map((c) => (
          <ChangeItem key={c.id} change={c} showService={false} />
        ))}
      </ul>
    </section>
  );
}

/** Changes around an incident; nothing at all when there are none. */
export function IncidentChanges({ incidentRef }: { incidentRef: string }) {
  const changes = useChangeEvents({ incident: incidentRef });
  if (changes.isError && !(changes.error instanceof ApiError && changes.error.status === 404)) {
    return <ErrorBanner error={changes.error} />;
  }
  if (!changes.data || changes.data.length === 0) return null;
  return (
    <section className="card" aria-label="Recent changes">
      <h2 className="card-title">Recent changes</h2>
      <p className="muted">Deploys and config changes on the affected services just before the incident.</p>
      <ul className="plain-list changes">
        {changes.data.map((c) => (
          <ChangeItem key={c.id} change={c} showService />
        ))}
      </ul>
    </section>
  );
}
