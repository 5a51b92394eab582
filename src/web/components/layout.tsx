import { useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useCurrentUser, useSignOut } from '../api/session.js';
import { useIncidentStream } from '../api/stream.js';
import { AdminWarnings } from './admin-warnings.js';
import { useLeaveGuard } from './unsaved-changes.js';

/** The pages under the Learn menu. */
const LEARN_PATHS = ['/reviews', '/follow-ups', '/reliability', '/triage-rules'];

const navClass = ({ isActive }: { isActive: boolean }) => (isActive ? 'nav-link active' : 'nav-link');

/** The signed-in shell: top bar with navigation, user menu and the page below. */
export function Layout() {
  const { user, canWrite, canReadReports, isAdmin } = useCurrentUser();
  const [isMenuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  useIncidentStream(user !== null);
  useLeaveGuard();

  const close = () => setMenuOpen(false);
  const onSignOut = () => signOut.mutate(undefined, { onSettled: () => void navigate('/login') });

  return (
    <div className="app">
      <header className="topbar">
        <Link to="/" className="brand" onClick={close}>
          <span className="brand-mark" aria-hidden="true" />
          Beacon
        </Link>
        <button
          type="button"
          className="nav-toggle"
          aria-expanded={isMenuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen(!isMenuOpen)}
        >
          <span aria-hidden="true">☰</span>
          <span className="sr-only">Menu</span>
        </button>
        <nav
          id="main-nav"
          className={isMenuOpen ? 'nav open' : 'nav'}
          aria-label="Main"
          key={location.pathname}
        >
          <NavLink to="/" end className={navClass} onClick={close}>
            Incidents
          </NavLink>
          {canReadReports ? (
            <NavLink to="/reports" className={navClass} onClick={close}>
              Reports
            </NavLink>
          ) : null}
          <NavLink to="/alerts" className={navClass} onClick={close}>
            Alerts
          </NavLink>
          <NavLink to="/checks" className={navClass} onClick={close}>
            Checks
          </NavLink>
          <NavLink to="/services" className={navClass} onClick={close}>
            Services
          </NavLink>
          <NavLink to="/teams" className={navClass} onClick={close}>
            Teams
          </NavLink>
          <NavLink to="/oncall" className={navClass} onClick={close}>
            On-call
          </NavLink>
          <NavLink to="/escalation-policies" className={navClass} onClick={close}>
            Escalation
          </NavLink>
          <NavLink to="/response-plans" className={navClass} onClick={close}>
            Plans
          </NavLink>
          {/* Learning from incidents shares one menu, like Admin, so the bar fits a laptop screen. */}
          <details className="nav-menu">
            <summary
              className={
                LEARN_PATHS.some((p) => location.pathname.startsWith(p)) ? 'nav-link active' : 'nav-link'
              }
            >
              Learn
            </summary>
            <div className="menu" role="menu">
              <Link role="menuitem" to="/reviews" onClick={close}>
                Reviews
              </Link>
              <Link role="menuitem" to="/follow-ups" onClick={close}>
                Follow-ups
              </Link>
              <Link role="menuitem" to="/reliability" onClick={close}>
                Metrics
              </Link>
              <Link role="menuitem" to="/triage-rules" onClick={close}>
                Triage rules
              </Link>
            </div>
          </details>
          {isAdmin ? (
            // Admin pages share one menu so the bar fits a laptop screen.
            <details className="nav-menu">
              <summary className={location.pathname.startsWith('/admin/') ? 'nav-link active' : 'nav-link'}>
                Admin
              </summary>
              <div className="menu" role="menu">
                <Link role="menuitem" to="/admin/users" onClick={close}>
                  Users
                </Link>
                <Link role="menuitem" to="/admin/tokens" onClick={close}>
                  API tokens
                </Link>
                <Link role="menuitem" to="/admin/notifications" onClick={close}>
                  Notifications
                </Link>
                <Link role="menuitem" to="/admin/webhooks" onClick={close}>
                  Webhooks
                </Link>
                <Link role="menuitem" to="/admin/status-page" onClick={close}>
                  Status page
                </Link>
                <Link role="menuitem" to="/admin/audit" onClick={close}>
                  Audit log
                </Link>
                <Link role="menuitem" to="/admin/settings" onClick={close}>
                  Settings
                </Link>
                <Link role="menuitem" to="/admin/import" onClick={close}>
                  Import
                </Link>
              </div>
            </details>
          ) : null}
          <span className="nav-spacer" />
          {canWrite ? (
            <Link to="/incidents/new" className="button primary small" onClick={close}>
              Declare incident
            </Link>
          ) : null}
          <details className="user-menu">
            <summary aria-label="Account menu">
              <span className="avatar" aria-hidden="true">
                {(user?.name || user?.email || '?').charAt(0).toUpperCase()}
              </span>
              <span className="user-name" title={user?.name || user?.email}>
                {user?.name || user?.email}
              </span>
            </summary>
            <div className="menu" role="menu">
              <div className="menu-head">
                <strong>{user?.name || '—'}</strong>
                <span className="muted">{user?.email}</span>
                <span className="role-tag">{user?.role}</span>
              </div>
              <Link role="menuitem" to="/account" onClick={close}>
                Account &amp; password
              </Link>
              <Link role="menuitem" to="/account/notifications" onClick={close}>
                My notifications
              </Link>
              <Link role="menuitem" to="/getting-started" onClick={close}>
                Getting started
              </Link>
              {!isAdmin ? (
                <Link role="menuitem" to="/admin/tokens" onClick={close}>
                  API tokens
                </Link>
              ) : null}
              <button role="menuitem" type="button" onClick={onSignOut}>
                Sign out
              </button>
            </div>
          </details>
        </nav>
      </header>
      <main className="page">
        <AdminWarnings isAdmin={isAdmin} />
        <Outlet />
      </main>
    </div>
  );
}
