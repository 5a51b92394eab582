import { Link } from 'react-router';
import { usePolicies, useSetServicePolicy } from '../api/paging.js';
import { ErrorBanner, fieldError } from './form.js';
import { EscalationSteps } from './escalation-steps.js';
import { usePendingValues } from './optimistic.js';
import '../styles/paging.css';

interface Props {
  serviceId: number;
  canWrite: boolean;
}

/** Which escalation policy pages for a service's incidents; responders choose it. */
export function EscalationServicePolicy({ serviceId, canWrite }: Props) {
  const policies = usePolicies();
  const setPolicy = useSetServicePolicy(serviceId);
  const chosen = usePendingValues<string>();
  const current = policies.data?.find((p) => p.services.some((s) => s.id === serviceId)) ?? null;
  const selectId = `service-${serviceId}-policy`;
  const error = fieldError(setPolicy.error, 'policyId');

  return (
    <section className="card esc-service" aria-label="Escalation">
      <div className="card-head">
        <h2 className="card-title">Escalation</h2>
        {current ? <Link to={`/escalation-policies/${current.id}`}>Open policy</Link> : null}
      </div>
      <ErrorBanner error={policies.error} />
      <ErrorBanner error={setPolicy.error} shownFields={['policyId']} />
      {canWrite ? (
        <div className={error ? 'field has-error' : 'field'}>
          <label htmlFor={selectId}>Escalation policy</label>
          <select
            id={selectId}
            value={chosen.valueOf('policy', current ? String(current.id) : '')}
            disabled={policies.isPending}
            aria-busy={chosen.isPending('policy')}
            onChange={(e) =>
              chosen.change('policy', e.target.value, (value, settle) =>
                setPolicy.mutate(value ? Number(value) : null, settle),
              )
            }
          >
            <option value="">None — incidents of this service page nobody</option>
            {(policies.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {error ? <p className="field-error">{error}</p> : null}
          {policies.data?.length === 0 ? (
            <p className="field-hint">
              No policies yet: <Link to="/escalation-policies">create one</Link> first.
            </p>
          ) : null}
        </div>
      ) : (
        <p>
          {current ? (
            <Link to={`/escalation-policies/${current.id}`}>{current.name}</Link>
          ) : (
            <span className="muted">No escalation policy: incidents of this service page nobody.</span>
          )}
        </p>
      )}
      {current ? (
        <EscalationSteps policy={current} />
      ) : policies.isSuccess ? (
        <p className="muted">When an incident of this service is triggered, nobody is paged.</p>
      ) : null}
    </section>
  );
}
