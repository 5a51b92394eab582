import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSchedules } from '../api/oncall.js';
import { useCurrentUser } from '../api/session.js';
import { ErrorBanner, Loading } from '../components/form.js';
import { timeUntil } from '../components/format.js';
import { ScheduleForm } from '../components/schedule-form.js';
import { formatDayTime, personColors, sourceLabel, useNow } from '../components/schedule-format.js';
import { SchedulePerson } from '../components/schedule-person.js';
import { ScheduleTabs } from '../components/schedule-tabs.js';
import { DataTable } from '../components/data-table.js';
import '../styles/oncall.css';

/** Every on-call schedule with who is on call now and when they hand off; responders create new ones. */
export function SchedulesPage() {
  const schedules = useSchedules();
  const { canWrite } = useCurrentUser();
  const [isCreating, setCreating] = useState(false);
  const navigate = useNavigate();
  const now = useNow();
  const colors = personColors(
    (schedules.data ?? []).flatMap((s) => (s.onCall.userId ? [s.onCall.userId] : [])),
  );

  return (
    <>
      <div className="page-head">
        <h1>On-call</h1>
        {canWrite && !isCreating ? (
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            New schedule
          </button>
        ) : null}
      </div>
      <ScheduleTabs />
      {isCreating ? (
        <ScheduleForm
          schedule={null}
          onDone={(saved) => {
            setCreating(false);
            if (saved) void navigate(`/oncall/schedules/${saved.id}`);
          }}
        />
      ) : null}
      <ErrorBanner error={schedules.error} />
      {schedules.isPending ? <Loading what="Loading schedules" /> : null}
      {schedules.data?.length === 0 && !isCreating ? (
        <div className="empty">
          No on-call schedules yet.
          {canWrite
            ? ' A schedule rotates people through shifts; escalation policies page whoever is on call.'
            : ''}
        </div>
      ) : null}
      {schedules.data && schedules.data.length > 0 ? (
        <DataTable
          columns={['Schedule', 'On call now', 'Next handoff', 'Time zone']}
          className="schedules-table"
        >
          {schedules.data.map((s) => (
            <tr key={s.id} data-testid="schedule-row">
              <td className="cell-main">
                <Link to={`/oncall/schedules/${s.id}`} className="strong-link">
                  {s.name}
                </Link>
                <span className="sub">
                  {s.description ||
                    `${s.layers.length} ${s.layers.length === 1 ? 'layer' : 'layers'}${
                      s.overrides.length > 0
                        ? `, ${s.overrides.length} upcoming ${s.overrides.length === 1 ? 'override' : 'overrides'}`
                        : ''
                    }`}
                </span>
              </td>
              <td data-label="On call now">
                <SchedulePerson
                  name={s.onCall.userName}
                  color={s.onCall.userId ? colors.get(s.onCall.userId) : undefined}
                  detail={s.onCall.source === null ? undefined : sourceLabel(s.onCall.source)}
                />
              </td>
              <td data-label="Next handoff">
                {s.onCall.until ? (
                  <span title={s.onCall.until}>
                    {formatDayTime(s.onCall.until)}{' '}
                    <span className="muted">({timeUntil(s.onCall.until, now)})</span>
                  </span>
                ) : (
                  <span className="muted">none within a year</span>
                )}
              </td>
              <td data-label="Time zone">{s.timeZone}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </>
  );
}
