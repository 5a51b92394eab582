import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { usePolicies } from '../api/paging.js';
import { useCurrentUser } from '../api/session.js';
import { EscalationPolicyForm } from '../components/escalation-policy-form.js';
import { TargetChip } from '../components/escalation-steps.js';
import { ErrorBanner, Loading } from '../components/form.js';
import { DataTable } from '../components/data-table.js';

/** Escalation policies: who is paged, in which order, and the services each one pages for. */
export function EscalationPoliciesPage() {
  const policies = usePolicies();
  const { canWrite } = useCurrentUser();
  const navigate = useNavigate();
  const [isCreating, setCreating] = useState(false);

  return (
    <>
      <div className="page-head">
        <h1>Escalation policies</h1>
        {canWrite && !isCreating ? (
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            New policy
          </button>
        ) : null}
      </div>
      {isCreating ? (
        <EscalationPolicyForm
          policy={null}
          onSaved={(policy) => void navigate(`/escalation-policies/${policy.id}`)}
          onCancel={() => setCreating(false)}
        />
      ) : null}
      <ErrorBanner error={policies.error} />
      {policies.isPending ? <Loading what="Loading escalation policies" /> : null}
      {policies.data?.length === 0 && !isCreating ? (
        <div className="empty">
          No escalation policies yet. A policy says who is paged when an incident of a service is triggered,
          and who next when nobody acknowledges.
        </div>
      ) : null}
      {policies.data && policies.data.length > 0 ? (
        <DataTable columns={['Policy', 'First pages', 'Steps', 'Services']} className="esc-policy-table">
          {policies.data.map((p) => (
            <tr key={p.id} data-testid="policy-row">
              <td className="cell-main">
                <Link to={`/escalation-policies/${p.id}`} className="strong-link">
                  {p.name}
                </Link>
                {p.description ? <span className="sub">{p.description}</span> : null}
              </td>
              <td data-label="First pages">
                <span className="esc-targets">
                  {(p.steps[0]?.targets ?? []).map((t) => (
                    <TargetChip key={`${t.type}:${t.id}`} target={t} />
                  ))}
                </span>
              </td>
              <td data-label="Steps" className="nowrap">
                {p.steps.length} {p.steps.length === 1 ? 'step' : 'steps'}
                {p.repeatCount > 0 ? <span className="muted"> · repeats {p.repeatCount}×</span> : null}
              </td>
              <td data-label="Services">
                {p.services.length === 0 ? (
                  <span className="muted">None</span>
                ) : (
                  p.services.map((s) => (
                    <Link key={s.id} to={`/services/${s.id}`} className="chip">
                      {s.name}
                    </Link>
                  ))
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </>
  );
}
