import { useState, type SyntheticEvent } from 'react';
import {
  useConfirmTwoFactor,
  useDisableTwoFactor,
  useStartTwoFactor,
  useTwoFactorStatus,
} from '../api/session.js';
import { ErrorBanner, fieldError } from './form.js';
import { FormActions } from './form-actions.js';
import { TextField } from './text-field.js';
import { RecoveryCodeList, TotpSecret } from './two-factor-parts.js';

/** The "Two-factor authentication" card of the account page: set up, recovery codes, turn off. */
export function TwoFactorCard() {
  const status = useTwoFactorStatus();
  const start = useStartTwoFactor();
  const confirm = useConfirmTwoFactor();
  const [code, setCode] = useState('');
  const codes = confirm.data?.recoveryCodes;

  const onConfirm = (event: SyntheticEvent) => {
    event.preventDefault();
    confirm.mutate(code, { onSuccess: () => setCode('') });
  };

  return (
    <section className="card" aria-label="Two-factor authentication">
      <h2 className="card-title">Two-factor authentication</h2>
      <ErrorBanner error={status.error ?? start.error} />
      {codes ? <RecoveryCodeList codes={codes} /> : null}
      {status.data?.enabled ? (
        <>
          {codes ? null : (
            <p>
              On. Signing in asks for a code from your authenticator app. {status.data.recoveryCodesLeft}{' '}
              recovery codes left.
            </p>
          )}
          <DisableTwoFactor isRequired={status.data.required} />
        </>
      ) : start.data ? (
        <form onSubmit={onConfirm} noValidate aria-label="Confirm two-factor authentication">
          <TotpSecret enrolment={start.data} />
          <ErrorBanner error={confirm.error} shownFields={['code']} />
          <TextField
            label="Code from your app"
            error={fieldError(confirm.error, 'code')}
            autoComplete="one-time-code"
            inputMode="numeric"
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <FormActions submitLabel="Turn on" isPending={confirm.isPending} />
        </form>
      ) : (
        <>
          <p>
            Off.
            {status.data?.required
              ? ' Your workspace requires it: you will be asked to set it up when you next sign in.'
              : ''}{' '}
            With two-factor authentication, signing in also needs a code from an app on your phone.
          </p>
          <button
            type="button"
            className="button primary"
            disabled={start.isPending}
            onClick={() => start.mutate()}
          >
            Set up two-factor authentication
          </button>
        </>
      )}
    </section>
  );
}

/** Turn two-factor off, with the password (or a current code). */
function DisableTwoFactor({ isRequired }: { isRequired: boolean }) {
  const disable = useDisableTwoFactor();
  const [password, setPassword] = useState('');
  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const isCode = /^\d{6}$/.test(password.trim());
    disable.mutate(isCode ? { code: password.trim() } : { password }, { onSuccess: () => setPassword('') });
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Turn off two-factor authentication">
      <ErrorBanner error={disable.error} shownFields={['password', 'code']} />
      <TextField
        label="Password or current code"
        hint={
          isRequired
            ? 'Your workspace requires two-factor: you will set it up again at your next sign-in.'
            : undefined
        }
        error={fieldError(disable.error, 'password') ?? fieldError(disable.error, 'code')}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <FormActions submitLabel="Turn off two-factor" submitClassName="button" isPending={disable.isPending} />
    </form>
  );
}
