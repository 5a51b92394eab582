import { useState, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { checkAccountLink, redeemAccountLink } from '../api/account-links.js';
import { ErrorBanner, Loading, fieldError } from '../components/form.js';
import { formatTime } from '../components/format.js';
import { LoginBrand } from '../components/login-brand.js';
import { TextField } from '../components/text-field.js';

/** The link's secret, after `#token=` (never sent to the server in the address). */
function tokenFromHash(): string {
  return new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
}

/** Accept an invitation or reset a password with the one-time link from a mail. */
export function SetPasswordPage() {
  const [token] = useState(tokenFromHash);
  const link = useQuery({
    queryKey: ['account-link', token],
    queryFn: () => checkAccountLink(token),
    retry: false,
    enabled: token !== '',
  });
  const redeem = useMutation({ mutationFn: redeemAccountLink });
  const [name, setName] = useState<string | null>(null);
  const [password, setPassword] = useState('');

  if (redeem.isSuccess) {
    return (
      <Screen title="You are all set">
        <p role="status">Your password is saved. Sign in with {link.data?.email ?? 'your email'} and it.</p>
        <Link className="button primary block" to="/login">
          Sign in
        </Link>
      </Screen>
    );
  }
  if (token === '' || link.isError) {
    return (
      <Screen title="This link does not work">
        <p className="alert alert-error" role="alert">
          The link has expired or was already used. Ask your admin for a new invitation, or ask for a new
          password reset link.
        </p>
        <Link className="button block" to="/forgot-password">
          Reset my password
        </Link>
      </Screen>
    );
  }
  if (!link.data) return <Screen title="Checking your link">{<Loading what="Checking your link" />}</Screen>;

  const isInvite = link.data.purpose === 'invite';
  const shownName = name ?? link.data.name;
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    redeem.mutate({ token, password, ...(isInvite ? { name: shownName.trim() } : {}) });
  };
  return (
    <Screen title={isInvite ? 'Join Beacon' : 'Choose a new password'}>
      <form onSubmit={submit} noValidate aria-label={isInvite ? 'Accept invitation' : 'Reset password'}>
        <p>
          {isInvite ? 'You were invited as ' : 'For '}
          <strong>{link.data.email}</strong>. The link works until {formatTime(link.data.expiresAt)}.
        </p>
        <ErrorBanner error={redeem.error} shownFields={['name', 'password']} />
        {isInvite ? (
          <TextField
            label="Your name"
            error={fieldError(redeem.error, 'name')}
            autoComplete="name"
            required
            value={shownName}
            onChange={(e) => setName(e.target.value)}
          />
        ) : null}
        <input type="email" hidden readOnly autoComplete="username" value={link.data.email} />
        <TextField
          label={isInvite ? 'Password' : 'New password'}
          hint="At least 12 characters, and not a common or easy-to-guess password."
          error={fieldError(redeem.error, 'password')}
          type="password"
          autoComplete="new-password"
          required
          autoFocus
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="button primary block" disabled={redeem.isPending}>
          {redeem.isPending ? 'Saving…' : isInvite ? 'Join Beacon' : 'Save password'}
        </button>
      </form>
    </Screen>
  );
}

function Screen({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="login-screen">
      <div className="card login-card">
        <LoginBrand />
        <h1>{title}</h1>
        {children}
      </div>
    </div>
  );
}
