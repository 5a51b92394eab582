import { Link } from 'react-router';

/** Shown for an unknown client route. */
export function NotFoundPage() {
  return (
    <div className="empty">
      <h1>Page not found</h1>
      <p>
        <Link to="/">Back to incidents</Link>
      </p>
    </div>
  );
}
