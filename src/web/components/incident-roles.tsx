import { useAssignRole, useRoles } from '../api/response.js';
import { useUsers } from '../api/catalog.js';
import { ErrorBanner } from './form.js';
import { usePendingValues } from './optimistic.js';
import { ROLE_LABELS } from './response-labels.js';
import '../styles/response.css';

interface Props {
  incidentRef: string;
  canWrite: boolean;
}

/** Who holds each incident role; responders pick a person per role. */
export function IncidentRoles({ incidentRef, canWrite }: Props) {
  const roles = useRoles(incidentRef);
  const users = useUsers();
  const assign = useAssignRole(incidentRef);
  const choices = usePendingValues<string>();
  const active = (users.data ?? []).filter((u) => !u.disabled);

  return (
    <section className="card response-roles" aria-label="Roles">
      <h2 className="card-title">Roles</h2>
      <ErrorBanner error={roles.error ?? assign.error} />
      <dl className="props">
        {(roles.data ?? []).map(({ role, user }) => (
          <div key={role} className="role-row">
            <dt>
              <label htmlFor={`role-${role}`}>{ROLE_LABELS[role]}</label>
            </dt>
            <dd>
              {canWrite ? (
                <select
                  id={`role-${role}`}
                  value={choices.valueOf(role, user ? String(user.id) : '')}
                  aria-busy={choices.isPending(role)}
                  onChange={(e) =>
                    choices.change(role, e.target.value, (value, settle) =>
                      assign.mutate({ role, userId: value ? Number(value) : null }, settle),
                    )
                  }
                >
                  <option value="">Nobody</option>
                  {user && !active.some((u) => u.id === user.id) ? (
                    <option value={user.id}>{user.name || user.email}</option>
                  ) : null}
                  {active.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name || u.email}
                    </option>
                  ))}
                </select>
              ) : (
                <span id={`role-${role}`}>{user ? user.name || user.email : '—'}</span>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
