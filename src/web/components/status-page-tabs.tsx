import { NavLink } from 'react-router';

const tabClass = ({ isActive }: { isActive: boolean }) => (isActive ? 'tab active' : 'tab');

/** The status page's admin screens: its settings and its subscribers. */
export function StatusPageTabs() {
  return (
    <nav className="tabs" aria-label="Status page">
      <NavLink to="/admin/status-page" end className={tabClass}>
        Page
      </NavLink>
      <NavLink to="/admin/status-page/subscribers" className={tabClass}>
        Subscribers
      </NavLink>
    </nav>
  );
}
