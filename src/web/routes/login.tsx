import { useState, type SyntheticEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useSession, useSignIn } from '../api/session.js';
import { ErrorBanner, fieldError } from '../components/form.js';
import { TextField } from '../components/text-field.js';

/** Sign-in page. */
export function LoginPage() {
  const session = useSession();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const next = safeNext(params.get('next'));

  if (session.data) return <Navigate to={next} replace />;

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password }, { onSuccess: () => void navigate(next, { replace: true }) });
  };

  return (
    <div className="login-screen">
      <form className="card login-card" onSubmit={onSubmit} noValidate>
        <div className="brand login-brand">
          <span className="brand-mark" aria-hidden="true" />
          Beacon
        </div>
        <h1>Sign in</h1>
        <ErrorBanner error={signIn.error} shownFields={['email', 'password']} />
        <TextField
          label="Email"
          error={fieldError(signIn.error, 'email')}
          type="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label="Password"
          error={fieldError(signIn.error, 'password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="button primary block" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}

/** Only follow same-site paths after sign-in (never an absolute URL). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}
