import { useState, type SyntheticEvent } from 'react';
import { ROLES, type Role } from '../../core/roles.js';
import { createUser, updateUser } from '../api/access.js';
import { useUsers, useWrite } from '../api/catalog.js';
import { useCurrentUser } from '../api/session.js';
import { ErrorBanner, Loading, fieldError } from '../components/form.js';
import { formatTime, humanize } from '../components/format.js';
import { usePendingValues } from '../components/optimistic.js';
import { TextField } from '../components/text-field.js';
import { FormActions } from '../components/form-actions.js';
import { DataTable } from '../components/data-table.js';
import {
  InvitationActions,
  InvitationBadge,
  InviteUserForm,
  RoleField,
  SendResetButton,
  UserNameCell,
} from '../components/user-account-parts.js';
import { useUnsavedChanges } from '../components/unsaved-changes.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';

/** Admin: invite and create users, rename them, change roles, send resets, disable and enable accounts. */
export function UsersPage() {
  const users = useUsers();
  const { user: me } = useCurrentUser();
  const update = useWrite(updateUser, ['users']);
  const roles = usePendingValues<Role>();
  const disabled = usePendingValues<boolean>();
  return (
    <>
      <div className="page-head">
        <h1>Users</h1>
      </div>
      <InviteUserForm />
      <NewUserForm />
      <ErrorBanner error={users.error ?? update.error} />
      {users.isPending ? <Loading what="Loading users" /> : null}
      <DataTable columns={['User', 'Role', 'Status', 'Created']} hasActions>
        {(users.data ?? []).map((u) => {
          const key = String(u.id);
          const isDisabled = disabled.valueOf(key, u.disabled);
          return (
            <tr key={u.id} className={isDisabled ? 'is-disabled' : undefined}>
              <UserNameCell user={u} />
              <td data-label="Role">
                <select
                  aria-label={`Role of ${u.email}`}
                  value={roles.valueOf(key, u.role)}
                  disabled={u.id === me?.id}
                  aria-busy={roles.isPending(key)}
                  onChange={(e) =>
                    roles.change(key, e.target.value as Role, (role, settle) =>
                      update.mutate({ id: u.id, role }, settle),
                    )
                  }
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {humanize(r)}
                    </option>
                  ))}
                </select>
              </td>
              <td data-label="Status">
                {u.invitation ? (
                  <InvitationBadge user={u} now={Date.now()} />
                ) : isDisabled ? (
                  <span className="badge status-closed">Disabled</span>
                ) : (
                  <span className="badge status-resolved">Active</span>
                )}
              </td>
              <td data-label="Created">{formatTime(u.createdAt)}</td>
              <td className="cell-actions">
                <div className="toolbar">
                  {u.invitation ? (
                    <InvitationActions user={u} />
                  ) : u.id === me?.id ? (
                    <span className="muted">You</span>
                  ) : (
                    <>
                      {isDisabled ? null : <SendResetButton user={u} />}
                      <button
                        type="button"
                        className={isDisabled ? 'button small' : 'button small danger-outline'}
                        aria-busy={disabled.isPending(key)}
                        onClick={() =>
                          disabled.change(key, !isDisabled, (value, settle) =>
                            update.mutate({ id: u.id, disabled: value }, settle),
                          )
                        }
                      >
                        {isDisabled ? 'Enable' : 'Disable'}
                      </button>
                    </>
                  )}
                </div>
              </td>
            </tr>
          );
        })}
      </DataTable>
    </>
  );
}

/** Form that creates a user with a role and an initial password. */
function NewUserForm() {
  const create = useWrite(createUser, ['users']);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('responder');
  const [password, setPassword] = useState('');
  useUnsavedChanges(email.trim() !== '' || name.trim() !== '' || password !== '');
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    create.mutate(
      { email: email.trim(), name: name.trim() || undefined, role, password },
      {
        onSuccess: () => {
          setEmail('');
          setName('');
          setPassword('');
        },
      },
    );
  };
  const err = create.error;
  return (
    <form className="card form-grid four" onSubmit={submit} noValidate aria-label="New user">
      <h2 className="card-title span-all">New user with a password</h2>
      <div className="span-all">
        <ErrorBanner error={err} shownFields={['email', 'name', 'role', 'password']} />
      </div>
      <TextField
        label="Email"
        error={fieldError(err, 'email')}
        type="email"
        limit={TEXT_LIMITS.email}
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <TextField
        label="Name"
        error={fieldError(err, 'name')}
        limit={TEXT_LIMITS.name}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <RoleField role={role} onChange={setRole} error={fieldError(err, 'role')} />
      <TextField
        label="Initial password"
        error={fieldError(err, 'password')}
        hint="At least 12 characters, and not a common or easy-to-guess password."
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <FormActions submitLabel="Create user" isPending={create.isPending} className="span-all">
        {create.isSuccess ? <span className="ok-text">Created {create.data.email}.</span> : null}
      </FormActions>
    </form>
  );
}
