import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { incidentsKey, useIncident } from '../api/incidents.js';
import { useCurrentUser } from '../api/session.js';
import { PriorityBadge, SeverityBadge, StatusBadge } from '../components/badges.js';
import { IncidentChanges } from '../components/change-events.js';
import { ErrorBanner, Loading } from '../components/form.js';
import { formatTime, timeAgo } from '../components/format.js';
import { IncidentActions } from '../components/incident-actions.js';
import { IncidentAlerts } from '../components/incident-alerts.js';
import { IncidentStillFiring } from '../components/incident-still-firing.js';
import { IncidentEditForm } from '../components/incident-edit-form.js';
import { IncidentEscalation } from '../components/incident-escalation.js';
import { IncidentReports } from '../components/incident-reports.js';
import { IncidentSimilar } from '../components/incident-similar.js';
import { IncidentProperties } from '../components/incident-properties.js';
import { IncidentRoles } from '../components/incident-roles.js';
import { IncidentTasks } from '../components/incident-tasks.js';
import { IncidentStakeholders } from '../components/incident-stakeholders.js';
import { IncidentStatusPage } from '../components/incident-status-page.js';
import { IncidentUpdates } from '../components/incident-updates.js';
import { Timeline } from '../components/timeline.js';
import { IncidentReviewCard } from '../components/incident-review-card.js';
import { IncidentFollowUps } from '../components/incident-follow-ups.js';
import { IncidentResolution } from '../components/incident-resolution.js';

/** One incident: header, actions, summary, resolution, timeline and properties. */
export function IncidentPage() {
  const ref = useParams()['ref'] ?? '';
  const incident = useIncident(ref);
  const client = useQueryClient();
  const { canWrite, canReadReports } = useCurrentUser();
  const [isEditing, setEditing] = useState(false);
  const reload = () => void client.invalidateQueries({ queryKey: incidentsKey });

  if (incident.isPending) return <Loading what="Loading incident" />;
  if (incident.isError) {
    return (
      <>
        <p className="crumbs">
          <Link to="/">Incidents</Link>
        </p>
        <ErrorBanner error={incident.error} />
      </>
    );
  }
  const data = incident.data;

  return (
    <article className="incident">
      <p className="crumbs">
        <Link to="/">Incidents</Link> <span aria-hidden="true">/</span> {data.ref}
      </p>
      <header className="incident-head">
        <div className="incident-title">
          <span className="ref big" data-testid="incident-ref">
            {data.ref}
          </span>
          <h1>{data.title}</h1>
        </div>
        <div className="incident-meta">
          <StatusBadge status={data.status} />
          <SeverityBadge severity={data.severity} />
          <PriorityBadge priority={data.priority} />
          <span className="muted" title={formatTime(data.startedAt)}>
            Started {timeAgo(data.startedAt)}
          </span>
          {canWrite && !isEditing ? (
            <button type="button" className="button small ghost" onClick={() => setEditing(true)}>
              Edit
            </button>
          ) : null}
        </div>
      </header>
      {canWrite ? <IncidentActions incident={data} onReload={reload} /> : null}
      <IncidentStillFiring incident={data} />
      <div className="incident-body">
        <div className="main-col">
          {isEditing ? (
            <IncidentEditForm incident={data} onDone={() => setEditing(false)} onReload={reload} />
          ) : (
            <section className="card">
              <h2 className="card-title">Summary</h2>
              {data.summary ? (
                <p className="prose">{data.summary}</p>
              ) : (
                <p className="muted">No summary yet.</p>
              )}
              {data.resolutionSummary ? (
                <>
                  <h3>Resolution</h3>
                  <p className="prose">{data.resolutionSummary}</p>
                </>
              ) : null}
              {data.rootCause ? (
                <>
                  <h3>Root cause</h3>
                  <p className="prose">{data.rootCause}</p>
                </>
              ) : null}
            </section>
          )}
          <IncidentResolution incidentRef={data.ref} canWrite={canWrite} onReload={reload} />
          <IncidentFollowUps
            incidentRef={data.ref}
            isEnded={data.status === 'resolved' || data.status === 'closed'}
            canWrite={canWrite}
          />
          <IncidentSimilar incidentRef={data.ref} canWrite={canWrite} />
          {canReadReports ? <IncidentReports incidentRef={data.ref} canWrite={canWrite} /> : null}
          <IncidentUpdates incident={data} canWrite={canWrite} />
          <IncidentStatusPage incident={data} canWrite={canWrite} />
          <IncidentEscalation incident={data} canWrite={canWrite} />
          <IncidentTasks incidentRef={data.ref} canWrite={canWrite} />
          <IncidentAlerts incidentRef={data.ref} />
          <IncidentChanges incidentRef={data.ref} />
          <Timeline incidentRef={data.ref} canWrite={canWrite} />
        </div>
        <div className="side-stack">
          <IncidentRoles incidentRef={data.ref} canWrite={canWrite} />
          <IncidentStakeholders incidentRef={data.ref} canWrite={canWrite} />
          <IncidentProperties incident={data} />
          <IncidentReviewCard incidentRef={data.ref} version={data.version} />
        </div>
      </div>
    </article>
  );
}
