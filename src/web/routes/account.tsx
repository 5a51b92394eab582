import { useState, type SyntheticEvent } from 'react';
import { useChangePassword, useCurrentUser } from '../api/session.js';
import { ErrorBanner, fieldError } from '../components/form.js';
import { formatTime, humanize } from '../components/format.js';
import { TextField } from '../components/text-field.js';
import { FormActions } from '../components/form-actions.js';
import { TwoFactorCard } from '../components/two-factor-card.js';

/** The signed-in user's profile, the change-password form and two-factor authentication. */
export function AccountPage() {
  const { user } = useCurrentUser();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (next !== confirm) return setMismatch(true);
    setMismatch(false);
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setConfirm('');
        },
      },
    );
  };

  return (
    <div className="narrow">
      <h1>Account</h1>
      <section className="card">
        <dl className="props wide">
          <dt>Name</dt>
          <dd>{user?.name || '—'}</dd>
          <dt>Email</dt>
          <dd>{user?.email}</dd>
          <dt>Role</dt>
          <dd>{user ? humanize(user.role) : ''}</dd>
          <dt>Member since</dt>
          <dd>{formatTime(user?.createdAt)}</dd>
        </dl>
      </section>
      <form className="card" onSubmit={submit} noValidate aria-label="Change password">
        <h2 className="card-title">Change password</h2>
        <ErrorBanner error={change.error} shownFields={['currentPassword', 'newPassword']} />
        {change.isSuccess ? (
          <p className="alert alert-ok" role="status">
            Password changed.
          </p>
        ) : null}
        <TextField
          label="Current password"
          error={fieldError(change.error, 'currentPassword')}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
        <TextField
          label="New password"
          error={fieldError(change.error, 'newPassword')}
          hint="At least 12 characters, and not a common or easy-to-guess password."
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
        />
        <TextField
          label="Confirm new password"
          error={mismatch ? 'does not match the new password' : undefined}
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
        />
        <FormActions submitLabel="Change password" isPending={change.isPending} />
      </form>
      <TwoFactorCard />
    </div>
  );
}
