import { Link } from 'react-router';
import { useServiceRepeats } from '../api/similar.js';
import { ErrorBanner } from './form.js';
import { timeAgo } from './format.js';

/** How many of a service's recent incidents were repeats, and of what (marked, or found similar). */
export function ServiceRepeats({ serviceId }: { serviceId: number }) {
  const repeats = useServiceRepeats(serviceId);
  const data = repeats.data;
  return (
    <section className="card service-repeats" aria-label="Repeat incidents">
      <div className="card-head">
        <h2 className="card-title">Repeat incidents</h2>
        {data ? <span className="muted">last {data.days} days</span> : null}
      </div>
      <ErrorBanner error={repeats.error} />
      {data ? (
        <>
          <p>
            <span className="repeat-rate-figure" data-testid="repeat-rate">
              {Math.round(data.rate * 100)}%
            </span>{' '}
            <span className="muted">
              {data.repeats} of {data.incidents} {data.incidents === 1 ? 'incident' : 'incidents'} repeated an
              earlier one within {data.repeatWindowDays} days (marked, or closely similar)
            </span>
          </p>
          {data.items.length > 0 ? (
            <ul className="similar-list">
              {data.items.slice(0, 10).map((item) => (
                <li key={item.incident.ref} data-testid="repeat-incident">
                  <Link to={`/incidents/${item.incident.ref}`} className="ref">
                    {item.incident.ref}
                  </Link>{' '}
                  {item.incident.title} <span className="muted">({timeAgo(item.incident.startedAt)})</span>
                  <span className="why">
                    {item.reason === 'marked' ? 'marked as a recurrence of' : 'similar to'}{' '}
                    <Link to={`/incidents/${item.repeatOf.ref}`}>{item.repeatOf.ref}</Link>{' '}
                    {item.repeatOf.title}
                    {item.score !== null ? ` · score ${Math.round(item.score * 100)}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
