import { useState, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { requestPasswordReset } from '../api/account-links.js';
import { ErrorBanner, fieldError } from '../components/form.js';
import { LoginBrand } from '../components/login-brand.js';
import { TextField } from '../components/text-field.js';

/** "Forgot password?": ask for a reset link by email. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const request = useMutation({ mutationFn: requestPasswordReset });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    request.mutate(email.trim());
  };
  return (
    <div className="login-screen">
      <form className="card login-card" onSubmit={submit} noValidate aria-label="Reset password">
        <LoginBrand />
        <h1>Reset your password</h1>
        {request.isSuccess ? (
          <p className="alert alert-ok" role="status">
            {request.data.message} Check your inbox: the link works for one hour.
          </p>
        ) : (
          <>
            <p>Enter the email you sign in with. We will mail you a link to choose a new password.</p>
            <ErrorBanner error={request.error} shownFields={['email']} />
            <TextField
              label="Email"
              error={fieldError(request.error, 'email')}
              type="email"
              autoComplete="username"
              required
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <button type="submit" className="button primary block" disabled={request.isPending}>
              {request.isPending ? 'Sending…' : 'Send reset link'}
            </button>
          </>
        )}
        <p className="login-footer">
          <Link to="/login">Back to sign in</Link>
        </p>
      </form>
    </div>
  );
}
