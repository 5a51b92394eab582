import { useState, type SyntheticEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import type { SignInChallenge } from '../../core/schemas/two-factor.js';
import { useSession, useSignIn, useSignInCode, useSignInOptions, useStartSession } from '../api/session.js';
import { ErrorBanner, fieldError } from '../components/form.js';
import { TextField } from '../components/text-field.js';
import { RecoveryCodeList, TotpSecret } from '../components/two-factor-parts.js';

type Challenge = SignInChallenge['challenge'];

/** Sign-in page: password (or single sign-on), then the code when two-factor is on. */
export function LoginPage() {
  const session = useSession();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const next = safeNext(params.get('next'));
  const done = () => void navigate(next, { replace: true });

  if (session.data) return <Navigate to={next} replace />;

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    signIn.mutate(
      { email, password },
      {
        onSuccess: (result) => {
          if ('challenge' in result) setChallenge(result.challenge);
          else done();
        },
      },
    );
  };

  return (
    <div className="login-screen">
      {challenge ? (
        <CodeStep challenge={challenge} onRestart={() => setChallenge(null)} onDone={done} />
      ) : (
        <form className="card login-card" onSubmit={onSubmit} noValidate>
          <Brand />
          <h1>Sign in</h1>
          {params.get('error') ? (
            <p className="alert alert-error" role="alert">
              {params.get('error')}
            </p>
          ) : null}
          <ErrorBanner error={signIn.error} shownFields={['email', 'password']} />
          <SingleSignOn next={next} />
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
          <p className="login-footer">
            <Link to="/forgot-password">Forgot password?</Link>
          </p>
        </form>
      )}
    </div>
  );
}

function Brand() {
  return (
    <div className="brand login-brand">
      <span className="brand-mark" aria-hidden="true" />
      Beacon
    </div>
  );
}

/** "Sign in with <provider>" when single sign-on is configured. */
function SingleSignOn({ next }: { next: string }) {
  const sso = useSignInOptions().data?.sso;
  if (!sso) return null;
  return (
    <div className="login-sso">
      <a className="button block" href={`${sso.loginUrl}?next=${encodeURIComponent(next)}`}>
        Sign in with {sso.name}
      </a>
      <p className="muted login-or">or with your password</p>
    </div>
  );
}

/** The second step: a code from the authenticator (or a recovery code), or enrolment when required. */
function CodeStep({
  challenge,
  onRestart,
  onDone,
}: {
  challenge: Challenge;
  onRestart: () => void;
  onDone: () => void;
}) {
  const submitCode = useSignInCode();
  const startSession = useStartSession();
  const [code, setCode] = useState('');
  const isEnrol = challenge.step === 'enrol';
  const recoveryCodes = submitCode.data?.recoveryCodes;

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    submitCode.mutate(
      { token: challenge.token, code },
      {
        onSuccess: (session) => {
          // Recovery codes are shown before the session starts, so they cannot be skipped past.
          if (session.recoveryCodes) return;
          startSession(session);
          onDone();
        },
      },
    );
  };

  if (recoveryCodes && submitCode.data) {
    const session = submitCode.data;
    return (
      <div className="card login-card wide">
        <Brand />
        <h1>Save your recovery codes</h1>
        <RecoveryCodeList codes={recoveryCodes} />
        <button
          type="button"
          className="button primary block"
          onClick={() => {
            startSession(session);
            onDone();
          }}
        >
          I have saved them — continue
        </button>
      </div>
    );
  }

  return (
    <form className={`card login-card${isEnrol ? ' wide' : ''}`} onSubmit={onSubmit} noValidate>
      <Brand />
      <h1>{isEnrol ? 'Set up two-factor authentication' : 'Two-factor authentication'}</h1>
      {isEnrol ? (
        <p>Your workspace requires two-factor authentication. Set it up now to finish signing in.</p>
      ) : null}
      {challenge.enrolment ? <TotpSecret enrolment={challenge.enrolment} /> : null}
      <ErrorBanner error={submitCode.error} shownFields={['code']} />
      <TextField
        label={isEnrol ? 'Code from your app' : 'Authentication code'}
        hint={isEnrol ? undefined : 'The 6-digit code from your authenticator app, or a recovery code.'}
        error={fieldError(submitCode.error, 'code')}
        autoComplete="one-time-code"
        inputMode={isEnrol ? 'numeric' : 'text'}
        required
        autoFocus
        value={code}
        onChange={(e) => setCode(e.target.value)}
      />
      <button type="submit" className="button primary block" disabled={submitCode.isPending}>
        {submitCode.isPending ? 'Checking…' : isEnrol ? 'Turn on and sign in' : 'Verify'}
      </button>
      <button type="button" className="button ghost block" onClick={onRestart}>
        Start over
      </button>
    </form>
  );
}

/** Only follow same-site paths after sign-in (never an absolute URL). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}
