import { NavLink } from 'react-router';

const tabClass = ({ isActive }: { isActive: boolean }) => (isActive ? 'tab active' : 'tab');

/** The on-call section's pages: schedules, who is on call now, and the signed-in user's shifts. */
export function ScheduleTabs() {
  return (
    <nav className="tabs" aria-label="On-call">
      <NavLink to="/oncall/schedules" className={tabClass}>
        Schedules
      </NavLink>
      <NavLink to="/oncall/now" className={tabClass}>
        On call now
      </NavLink>
      <NavLink to="/oncall/my-shifts" className={tabClass}>
        My shifts
      </NavLink>
    </nav>
  );
}
