import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { deleteService, updateService, useService, useWrite } from '../api/catalog.js';
import { useCurrentUser } from '../api/session.js';
import { ErrorBanner, Loading } from '../components/form.js';
import { formatTime } from '../components/format.js';
import { ServiceForm } from '../components/service-form.js';

/** One service: details, edit and delete. */
export function ServicePage() {
  const id = useParams()['id'] ?? '';
  const service = useService(id);
  const { canWrite, isAdmin } = useCurrentUser();
  const navigate = useNavigate();
  const [isEditing, setEditing] = useState(false);
  const update = useWrite(updateService, ['services']);
  const remove = useWrite(deleteService, ['services']);

  if (service.isPending) return <Loading what="Loading service" />;
  if (service.isError) return <ErrorBanner error={service.error} />;
  const s = service.data;
  const onDelete = () => {
    if (!window.confirm(`Delete the service “${s.name}”?`)) return;
    remove.mutate(s.id, { onSuccess: () => void navigate('/services') });
  };

  return (
    <div className="narrow">
      <p className="crumbs">
        <Link to="/services">Services</Link> <span aria-hidden="true">/</span> {s.name}
      </p>
      <div className="page-head">
        <h1>{s.name}</h1>
        {canWrite && !isEditing ? (
          <div className="toolbar">
            <button type="button" className="button" onClick={() => setEditing(true)}>
              Edit
            </button>
            {isAdmin ? (
              <button
                type="button"
                className="button danger-outline"
                onClick={onDelete}
                disabled={remove.isPending}
              >
                Delete
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      <ErrorBanner error={remove.error} />
      <section className="card">
        {isEditing ? (
          <ServiceForm
            service={s}
            submitLabel="Save service"
            isPending={update.isPending}
            error={update.error}
            onSubmit={(body) => update.mutate({ id: s.id, ...body }, { onSuccess: () => setEditing(false) })}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <dl className="props wide">
            <dt>Description</dt>
            <dd>{s.description || '—'}</dd>
            <dt>Tier</dt>
            <dd>{s.tier ? `Tier ${s.tier}` : '—'}</dd>
            <dt>Owner team</dt>
            <dd>{s.ownerTeam?.name ?? '—'}</dd>
            <dt>Depends on</dt>
            <dd>
              {s.dependsOn.length
                ? s.dependsOn.map((d) => (
                    <Link key={d.id} className="chip" to={`/services/${d.id}`}>
                      {d.name}
                    </Link>
                  ))
                : '—'}
            </dd>
            <dt>Open incidents</dt>
            <dd>
              <Link to={`/?serviceId=${s.id}`}>{s.openIncidents} open</Link>
            </dd>
            <dt>Updated</dt>
            <dd>{formatTime(s.updatedAt)}</dd>
          </dl>
        )}
      </section>
    </div>
  );
}
