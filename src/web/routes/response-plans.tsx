import { useState } from 'react';
import type { ResponsePlan } from '../../core/schemas/response.js';
import { useServices } from '../api/catalog.js';
import { useDeletePlan, usePlans } from '../api/response.js';
import { useCurrentUser } from '../api/session.js';
import { ErrorBanner, Loading } from '../components/form.js';
import { PlanForm } from '../components/plan-form.js';
import { ROLE_LABELS } from '../components/response-labels.js';
import { DeleteButton } from '../components/delete-button.js';
import '../styles/response.css';

/** Response plans (playbooks): checklists that attach to incidents by hand or by rule. */
export function ResponsePlansPage() {
  const plans = usePlans();
  const { canWrite } = useCurrentUser();
  const [editing, setEditing] = useState<ResponsePlan | 'new' | null>(null);

  return (
    <>
      <div className="page-head">
        <h1>Response plans</h1>
        {canWrite && editing === null ? (
          <button type="button" className="button primary" onClick={() => setEditing('new')}>
            New plan
          </button>
        ) : null}
      </div>
      {editing !== null ? (
        <PlanForm
          key={editing === 'new' ? 'new' : editing.id}
          plan={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      ) : null}
      <ErrorBanner error={plans.error} />
      {plans.isPending ? <Loading what="Loading response plans" /> : null}
      {plans.data?.length === 0 ? (
        <div className="empty">No response plans yet. A plan is a checklist that incidents get.</div>
      ) : null}
      <div className="plan-list">
        {(plans.data ?? []).map((plan) => (
          <PlanCard key={plan.id} plan={plan} onEdit={canWrite ? () => setEditing(plan) : undefined} />
        ))}
      </div>
    </>
  );
}

function PlanCard({ plan, onEdit }: { plan: ResponsePlan; onEdit: (() => void) | undefined }) {
  const { isAdmin } = useCurrentUser();
  const services = useServices();
  const remove = useDeletePlan();
  const names = new Map((services.data ?? []).map((s) => [s.id, s.name]));
  const rules = [
    ...plan.match.severities,
    ...plan.match.categories,
    ...plan.match.serviceIds.map((id) => names.get(id) ?? `service #${id}`),
  ];
  return (
    <section className="card" aria-label={plan.name} data-testid="plan">
      <div className="card-head">
        <div>
          <h2 className="card-title">{plan.name}</h2>
          {plan.description ? <p className="muted">{plan.description}</p> : null}
        </div>
        <div className="button-group">
          {onEdit ? (
            <button type="button" className="button small" onClick={onEdit}>
              Edit
            </button>
          ) : null}
          {isAdmin ? (
            <DeleteButton
              isPending={remove.isPending}
              isSmall
              onClick={() => {
                if (window.confirm(`Delete the plan "${plan.name}"? Incidents keep their tasks.`))
                  remove.mutate(plan.id);
              }}
            />
          ) : null}
        </div>
      </div>
      <ErrorBanner error={remove.error} />
      <p>
        <strong>Attaches:</strong>{' '}
        {rules.length === 0
          ? 'by hand only'
          : [
              plan.match.severities.join(' or '),
              plan.match.categories.join(' or '),
              plan.match.serviceIds.map((id) => names.get(id) ?? `service #${id}`).join(' or '),
            ]
              .filter((r) => r !== '')
              .join(', and ')}
      </p>
      <ol>
        {plan.tasks.map((task, index) => (
          <li key={index}>
            {task.title}
            {task.role ? <span className="muted"> · {ROLE_LABELS[task.role]}</span> : null}
            {task.dueMinutes !== null ? <span className="muted"> · within {task.dueMinutes} min</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
