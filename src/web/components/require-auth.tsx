import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../api/session.js';
import { ErrorBanner, Loading } from './form.js';

/** Renders children only when signed in; otherwise sends the browser to /login. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Loading />;
  if (session.isError) return <ErrorBanner error={session.error} />;
  if (!session.data) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}

/** Renders children only for admins. */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const session = useSession();
  if (session.data?.user.role !== 'admin') {
    return <div className="alert alert-error">Only administrators can see this page.</div>;
  }
  return children;
}
