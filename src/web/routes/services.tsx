import { useState } from 'react';
import { Link } from 'react-router';
import { createService, useServices, useWrite } from '../api/catalog.js';
import { useCurrentUser } from '../api/session.js';
import { ErrorBanner, Loading } from '../components/form.js';
import { ServiceForm } from '../components/service-form.js';
import { DataTable } from '../components/data-table.js';

/** The service catalog: tier, owner, open incidents, dependencies; create new services. */
export function ServicesPage() {
  const services = useServices();
  const { canWrite } = useCurrentUser();
  const [isCreating, setCreating] = useState(false);
  const create = useWrite(createService, ['services']);

  return (
    <>
      <div className="page-head">
        <h1>Services</h1>
        {canWrite && !isCreating ? (
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            New service
          </button>
        ) : null}
      </div>
      {isCreating ? (
        <section className="card">
          <h2 className="card-title">New service</h2>
          <ServiceForm
            submitLabel="Create service"
            isPending={create.isPending}
            error={create.error}
            onSubmit={(body) => create.mutate(body, { onSuccess: () => setCreating(false) })}
            onCancel={() => setCreating(false)}
          />
        </section>
      ) : null}
      <ErrorBanner error={services.error} />
      {services.isPending ? <Loading what="Loading services" /> : null}
      {services.data?.length === 0 ? <div className="empty">No services yet.</div> : null}
      {services.data && services.data.length > 0 ? (
        <DataTable columns={['Service', 'Tier', 'Owner team', 'Open incidents', 'Depends on']}>
          {services.data.map((s) => (
            <tr key={s.id}>
              <td className="cell-main">
                <Link to={`/services/${s.id}`} className="strong-link">
                  {s.name}
                </Link>
                {s.description ? <span className="sub">{s.description}</span> : null}
              </td>
              <td data-label="Tier">
                {s.tier ? <span className={`badge tier tier-${s.tier}`}>Tier {s.tier}</span> : '—'}
              </td>
              <td data-label="Owner team">{s.ownerTeam?.name ?? '—'}</td>
              <td data-label="Open incidents">
                {s.openIncidents > 0 ? (
                  <Link to={`/?serviceId=${s.id}`} className="count-link">
                    {s.openIncidents}
                  </Link>
                ) : (
                  <span className="muted">0</span>
                )}
              </td>
              <td data-label="Depends on">
                {s.dependsOn.length ? s.dependsOn.map((d) => d.name).join(', ') : '—'}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </>
  );
}
