import { NavLink } from 'react-router';

const tabClass = ({ isActive }: { isActive: boolean }) => (isActive ? 'tab active' : 'tab');

/** The customer reports section: the inbox and the triage queue. */
export function ReportsTabs() {
  return (
    <nav className="tabs" aria-label="Customer reports">
      <NavLink to="/reports" end className={tabClass}>
        Inbox
      </NavLink>
      <NavLink to="/reports/triage" className={tabClass}>
        Triage queue
      </NavLink>
    </nav>
  );
}
