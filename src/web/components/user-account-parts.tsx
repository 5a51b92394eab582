import { useState, type SyntheticEvent } from 'react';
import { ROLES, type Role } from '../../core/roles.js';
import type { User } from '../../core/schemas/access.js';
import { inviteUser, resendInvite, revokeInvite, sendPasswordReset } from '../api/account-links.js';
import { updateUser } from '../api/access.js';
import { useWrite } from '../api/catalog.js';
import { ErrorBanner, Field, fieldError } from './form.js';
import { FormActions } from './form-actions.js';
import { formatTime, humanize } from './format.js';
import { TextField } from './text-field.js';
import { useUnsavedChanges } from './unsaved-changes.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';

// The parts of the admin users page about accounts: invitations, renaming, password resets.

/** Invite someone by email: they choose their name and password from the link they get. */
export function InviteUserForm() {
  const invite = useWrite(inviteUser, ['users']);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('responder');
  useUnsavedChanges(email.trim() !== '' || name.trim() !== '');
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    invite.mutate(
      { email: email.trim(), name: name.trim() || undefined, role },
      {
        onSuccess: () => {
          setEmail('');
          setName('');
        },
      },
    );
  };
  const err = invite.error;
  return (
    <form className="card form-grid four" onSubmit={submit} noValidate aria-label="Invite by email">
      <h2 className="card-title span-all">Invite by email</h2>
      <div className="span-all">
        <ErrorBanner error={err} shownFields={['email', 'name', 'role']} />
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
        label="Name (optional)"
        error={fieldError(err, 'name')}
        limit={TEXT_LIMITS.name}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <RoleField role={role} onChange={setRole} error={fieldError(err, 'role')} />
      <FormActions
        submitLabel="Send invitation"
        pendingLabel="Sending…"
        isPending={invite.isPending}
        className="span-all"
      >
        {invite.isSuccess ? (
          <span className="ok-text" role="status">
            Invitation sent to {invite.data.email}. The link works for 7 days.
          </span>
        ) : null}
      </FormActions>
    </form>
  );
}

/** A user's name and email, with Rename turning the name into a field. */
/** The role a new or invited user gets. */
export function RoleField({
  role,
  onChange,
  error,
}: {
  role: Role;
  onChange: (role: Role) => void;
  error: string | undefined;
}) {
  return (
    <Field label="Role" error={error}>
      {(id) => (
        <select id={id} value={role} onChange={(e) => onChange(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {humanize(r)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function UserNameCell({ user }: { user: User }) {
  const rename = useWrite(updateUser, ['users']);
  const [draft, setDraft] = useState<string | null>(null);
  useUnsavedChanges(draft !== null && draft !== user.name);
  if (draft === null) {
    return (
      <td className="cell-main">
        <strong>{user.name || user.email}</strong>
        <span className="sub">{user.email}</span>
        <button type="button" className="link-button rename-link" onClick={() => setDraft(user.name)}>
          Rename
        </button>
      </td>
    );
  }
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    rename.mutate({ id: user.id, name: draft.trim() }, { onSuccess: () => setDraft(null) });
  };
  return (
    <td className="cell-main">
      <form onSubmit={submit} noValidate aria-label={`Rename ${user.email}`}>
        <TextField
          label={`Name of ${user.email}`}
          error={fieldError(rename.error, 'name')}
          limit={TEXT_LIMITS.name}
          autoFocus
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <FormActions
          submitLabel="Save"
          pendingLabel="Saving…"
          isPending={rename.isPending}
          onCancel={() => setDraft(null)}
        />
      </form>
    </td>
  );
}

/** "Invited" with when the link expires, or "Invitation revoked". */
export function InvitationBadge({ user, now }: { user: User; now: number }) {
  if (!user.invitation) return null;
  if (user.disabled) return <span className="badge status-closed">Invitation revoked</span>;
  const isExpired = Date.parse(user.invitation.expiresAt) <= now;
  return (
    <>
      <span className="badge status-investigating">{isExpired ? 'Invitation expired' : 'Invited'}</span>
      <span className="status-note">
        {isExpired ? 'expired' : 'link expires'} {formatTime(user.invitation.expiresAt)}
      </span>
    </>
  );
}

/** Resend or revoke a pending user's invitation. */
export function InvitationActions({ user }: { user: User }) {
  const resend = useWrite(resendInvite, ['users']);
  const revoke = useWrite(revokeInvite, ['users']);
  return (
    <>
      <button
        type="button"
        className="button small"
        aria-busy={resend.isPending}
        onClick={() => resend.mutate(user.id)}
      >
        {resend.isSuccess ? 'Sent again' : 'Resend invitation'}
      </button>
      {user.disabled ? null : (
        <button
          type="button"
          className="button small danger-outline"
          aria-busy={revoke.isPending}
          onClick={() => revoke.mutate(user.id)}
        >
          Revoke
        </button>
      )}
      <ErrorBanner error={resend.error ?? revoke.error} />
    </>
  );
}

/** Mail a user a link to choose a new password. */
export function SendResetButton({ user }: { user: User }) {
  const reset = useWrite(sendPasswordReset, ['users']);
  return (
    <>
      <button
        type="button"
        className="button small"
        aria-busy={reset.isPending}
        disabled={reset.isPending}
        onClick={() => reset.mutate(user.id)}
      >
        {reset.isSuccess ? 'Reset link sent' : 'Send password reset'}
      </button>
      <ErrorBanner error={reset.error} />
    </>
  );
}
