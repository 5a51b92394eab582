import { Link } from 'react-router';
import { useAdminWarnings, useDismissDeadLetters } from '../api/delivery.js';
import '../styles/paging.css';

/** Banners above every page for admins: dead letters (until dismissed or sent), email not configured. */
export function AdminWarnings({ isAdmin }: { isAdmin: boolean }) {
  const warnings = useAdminWarnings(isAdmin);
  const dismiss = useDismissDeadLetters();
  const items = warnings.data ?? [];
  if (!isAdmin || items.length === 0) return null;
  return (
    <div className="admin-warnings" role="region" aria-label="Admin warnings">
      {items.map((warning) => (
        <div
          key={warning.code}
          className={`alert ${warning.code === 'dead_letters' ? 'alert-error' : 'alert-warning'} admin-warning`}
          role="alert"
          data-testid={`admin-warning-${warning.code}`}
        >
          <p>{warning.message}</p>
          {warning.code === 'dead_letters' ? (
            <span className="admin-warning-actions">
              <Link to="/admin/notifications?status=dead" className="button small">
                Show dead letters
              </Link>
              <button
                type="button"
                className="button small ghost"
                disabled={dismiss.isPending}
                onClick={() => dismiss.mutate()}
              >
                Dismiss
              </button>
            </span>
          ) : null}
        </div>
      ))}
    </div>
  );
}
