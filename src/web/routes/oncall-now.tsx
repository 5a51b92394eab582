import { Link } from 'react-router';
import type { OnCallNow } from '../../core/schemas/oncall.js';
import { useUsers } from '../api/catalog.js';
import { useOnCallNow } from '../api/oncall.js';
import { useCurrentUser } from '../api/session.js';
import { ErrorBanner, Loading } from '../components/form.js';
import { timeUntil } from '../components/format.js';
import { formatDayTime, personColors, sourceLabel, useNow } from '../components/schedule-format.js';
import { SchedulePerson } from '../components/schedule-person.js';
import { ScheduleTabs } from '../components/schedule-tabs.js';
import '../styles/oncall.css';

/** Who is on call right now across every schedule, one card per person, and the schedules nobody covers. */
export function OnCallNowPage() {
  const oncall = useOnCallNow();
  const users = useUsers();
  const { user: me } = useCurrentUser();
  const now = useNow();
  const items = oncall.data ?? [];
  const people = groupByPerson(items);
  const uncovered = items.filter((item) => item.userId === null);
  const colors = personColors(people.map((p) => p.userId));
  const emails = new Map((users.data ?? []).map((u) => [u.id, u.email]));

  return (
    <>
      <div className="page-head">
        <h1>On-call</h1>
      </div>
      <ScheduleTabs />
      <ErrorBanner error={oncall.error} />
      {oncall.isPending ? <Loading what="Loading who is on call" /> : null}
      {oncall.data?.length === 0 ? (
        <div className="empty">
          No schedules yet. <Link to="/oncall/schedules">Create one</Link> to see who is on call.
        </div>
      ) : null}
      {uncovered.length > 0 ? (
        <div className="alert alert-warning" role="status" data-testid="uncovered">
          <strong>Nobody is on call</strong> for{' '}
          {uncovered.map((item, i) => (
            <span key={item.scheduleId}>
              {i > 0 ? ', ' : ''}
              <Link to={`/oncall/schedules/${item.scheduleId}`}>{item.scheduleName}</Link>
              {item.until ? ` (until ${formatDayTime(item.until)})` : ''}
            </span>
          ))}
          .
        </div>
      ) : null}
      <div className="card-grid">
        {people.map((person) => (
          <section
            key={person.userId}
            className={`card oncall-person${person.userId === me?.id ? ' is-me' : ''}`}
            aria-label={person.name}
            data-testid="oncall-person"
          >
            <div className="card-head">
              <SchedulePerson
                name={person.name}
                color={colors.get(person.userId)}
                detail={emails.get(person.userId)}
              />
              {person.userId === me?.id ? <span className="badge status-monitoring">You</span> : null}
            </div>
            <ul className="oncall-schedules">
              {person.items.map((item) => (
                <li key={item.scheduleId}>
                  <Link to={`/oncall/schedules/${item.scheduleId}`} className="strong-link">
                    {item.scheduleName}
                  </Link>
                  <span className="muted oncall-until">
                    {item.until
                      ? `until ${formatDayTime(item.until)} (${timeUntil(item.until, now)})`
                      : 'no handoff within a year'}
                    {` · ${sourceLabel(item.source)}`}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}

interface Person {
  userId: number;
  name: string;
  items: OnCallNow[];
}

/** Schedules grouped by who is on call, people by name, each person's schedules by who hands off first. */
function groupByPerson(items: readonly OnCallNow[]): Person[] {
  const people = new Map<number, Person>();
  for (const item of items) {
    if (item.userId === null) continue;
    const person = people.get(item.userId) ?? { userId: item.userId, name: item.userName ?? '', items: [] };
    person.items.push(item);
    people.set(item.userId, person);
  }
  const untilOf = (item: OnCallNow) => (item.until ? Date.parse(item.until) : Infinity);
  for (const person of people.values()) person.items.sort((a, b) => untilOf(a) - untilOf(b));
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
}
