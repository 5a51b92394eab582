import { Link } from 'react-router';
import type { Incident } from '../../core/schemas/incident.js';
import { PriorityBadge, SeverityBadge } from './badges.js';
import { formatShortTime, formatTime, humanize } from './format.js';

const MILESTONES = [
  ['Started', 'startedAt'],
  ['Detected', 'detectedAt'],
  ['Acknowledged', 'acknowledgedAt'],
  ['Mitigated', 'mitigatedAt'],
  ['Resolved', 'resolvedAt'],
  ['Closed', 'closedAt'],
] as const;

/** The properties and milestone side panel of an incident. */
export function IncidentProperties({ incident }: { incident: Incident }) {
  return (
    <aside className="side">
      <section className="card">
        <h2 className="card-title">Properties</h2>
        <dl className="props">
          <dt>Severity</dt>
          <dd>
            <SeverityBadge severity={incident.severity} />
          </dd>
          <dt>Impact</dt>
          <dd>{humanize(incident.impact)}</dd>
          <dt>Urgency</dt>
          <dd>{humanize(incident.urgency)}</dd>
          <dt>Priority</dt>
          <dd>
            <PriorityBadge priority={incident.priority} />
          </dd>
          <dt>Category</dt>
          <dd>{incident.category ? humanize(incident.category) : '—'}</dd>
          <dt>Services</dt>
          <dd>
            {incident.services.length === 0
              ? '—'
              : incident.services.map((s) => (
                  <Link key={s.id} to={`/services/${s.id}`} className="chip">
                    {s.name}
                  </Link>
                ))}
          </dd>
          <dt>Commander</dt>
          <dd>{incident.commander ? incident.commander.name || incident.commander.email : '—'}</dd>
          <dt>Tags</dt>
          <dd>
            {incident.tags.length === 0
              ? '—'
              : incident.tags.map((t) => (
                  <span key={t} className="chip tag">
                    {t}
                  </span>
                ))}
          </dd>
          {incident.mergedInto ? (
            <>
              <dt>Merged into</dt>
              <dd>
                <Link to={`/incidents/${incident.mergedInto.ref}`}>{incident.mergedInto.ref}</Link>
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      <section className="card">
        <h2 className="card-title">Milestones</h2>
        <dl className="props milestones">
          {MILESTONES.map(([label, key]) => (
            <div key={key} className={incident[key] ? 'reached' : 'pending'}>
              <dt>{label}</dt>
              <dd title={formatTime(incident[key])}>{formatShortTime(incident[key])}</dd>
            </div>
          ))}
        </dl>
      </section>
    </aside>
  );
}
