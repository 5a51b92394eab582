import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useDeletePolicy, usePolicy } from '../api/paging.js';
import { useCurrentUser } from '../api/session.js';
import { EscalationPolicyForm } from '../components/escalation-policy-form.js';
import { EscalationSteps } from '../components/escalation-steps.js';
import { RecordHeader } from '../components/record-header.js';
import { formatTime } from '../components/format.js';
import { EditDeleteToolbar } from '../components/edit-delete-toolbar.js';
import { RecordStatus } from '../components/record-status.js';

/** One escalation policy: its steps and services; responders edit it, admins delete it. */
export function EscalationPolicyPage() {
  const raw = useParams()['id'] ?? '';
  const id = /^\d+$/.test(raw) ? Number(raw) : null;
  const policy = usePolicy(id);
  const remove = useDeletePolicy();
  const { canWrite, isAdmin } = useCurrentUser();
  const navigate = useNavigate();
  const [isEditing, setEditing] = useState(false);
  const crumbs = (
    <p className="crumbs">
      <Link to="/escalation-policies">Escalation policies</Link>
      {policy.data ? (
        <>
          {' '}
          <span aria-hidden="true">/</span> {policy.data.name}
        </>
      ) : null}
    </p>
  );

  if (id === null || !policy.isSuccess) {
    return (
      <RecordStatus
        crumbs={crumbs}
        missing={id === null ? <>No escalation policy “{raw}”.</> : null}
        query={policy}
        loadingText="Loading escalation policy"
      />
    );
  }
  const p = policy.data;
  const onDelete = () => {
    const uses = p.services.length ? ` ${p.services.map((s) => s.name).join(', ')} will page nobody.` : '';
    if (!window.confirm(`Delete the escalation policy “${p.name}”?${uses}`)) return;
    remove.mutate(p.id, { onSuccess: () => void navigate('/escalation-policies') });
  };

  return (
    <div className="esc-policy-page">
      {crumbs}
      <RecordHeader
        title={p.name}
        subtitle={p.description ? <p className="muted">{p.description}</p> : null}
        actions={
          !isEditing && canWrite ? (
            <EditDeleteToolbar
              onEdit={() => setEditing(true)}
              onDelete={onDelete}
              canDelete={isAdmin}
              isDeleting={remove.isPending}
            />
          ) : null
        }
        error={remove.error}
      />
      {isEditing ? (
        <EscalationPolicyForm
          policy={p}
          onSaved={() => setEditing(false)}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="esc-policy-body">
          <section className="card" aria-label="Steps">
            <h2 className="card-title">Steps</h2>
            <EscalationSteps policy={p} />
          </section>
          <section className="card" aria-label="Services">
            <h2 className="card-title">Services using it</h2>
            {p.services.length === 0 ? (
              <p className="muted">
                No service uses this policy yet. Choose it on a service’s page to page for its incidents.
              </p>
            ) : (
              <ul className="esc-services">
                {p.services.map((s) => (
                  <li key={s.id}>
                    <Link to={`/services/${s.id}`}>{s.name}</Link>
                  </li>
                ))}
              </ul>
            )}
            <p className="muted esc-updated">Updated {formatTime(p.updatedAt)}</p>
          </section>
        </div>
      )}
    </div>
  );
}
