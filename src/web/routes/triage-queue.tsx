import { useQueryClient } from '@tanstack/react-query';
import { incidentsKey, useIncidentList } from '../api/incidents.js';
import { useCurrentUser } from '../api/session.js';
import { ErrorBanner, Loading } from '../components/form.js';
import { LoadMore } from '../components/load-more.js';
import { ReportsTabs } from '../components/reports-tabs.js';
import { TriageCard } from '../components/triage-card.js';
import '../styles/reports.css';

/** Incidents raised from customer reports and waiting in triage, oldest first. */
export function TriageQueuePage() {
  const list = useIncidentList({
    status: ['triage'],
    severity: '',
    serviceId: '',
    q: '',
    open: 'true',
    sort: 'oldest',
    mine: '',
    unassigned: '',
  });
  const client = useQueryClient();
  const { canWrite } = useCurrentUser();
  const incidents = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <div className="page-head">
        <h1>Customer reports</h1>
      </div>
      <ReportsTabs />
      <ErrorBanner error={list.error} />
      {list.isPending ? <Loading what="Loading the triage queue" /> : null}
      {list.isSuccess && incidents.length === 0 ? (
        <div className="empty">
          Nothing to triage. Similar reports that arrive together open an incident here.
        </div>
      ) : null}
      <div className="triage-list">
        {incidents.map((incident) => (
          <TriageCard
            key={incident.ref}
            incident={incident}
            canWrite={canWrite}
            onReload={() => void client.invalidateQueries({ queryKey: incidentsKey })}
          />
        ))}
      </div>
      <LoadMore pager={list} />
    </>
  );
}
