import { useState } from 'react';
import { createCheck, useChecks, type Check } from '../api/checks.js';
import { useWrite } from '../api/catalog.js';
import { useCurrentUser } from '../api/session.js';
import { CheckForm } from './check-form.js';
import { ChecksTable } from './checks-table.js';
import { CodeBlock } from './copy.js';
import { ErrorBanner, Loading } from './form.js';

/** The ping URL of a heartbeat check, with the line a cron job would run. */
export function PingUrl({ url }: { url: string }) {
  return (
    <div className="ping-url">
      <CodeBlock code={url} label="Ping URL" />
      <p className="muted">For example, at the end of a cron job:</p>
      <CodeBlock code={`curl -fsS -m 10 --retry 3 ${url}`} label="Ping command" />
    </div>
  );
}

/** A service's checks: list with status, latency and uptime; add, pause, delete. */
export function ServiceChecks({ serviceId }: { serviceId: number }) {
  const checks = useChecks(serviceId);
  const { canWrite } = useCurrentUser();
  const create = useWrite(createCheck, ['checks']);
  const [isCreating, setCreating] = useState(false);
  const [created, setCreated] = useState<Check | null>(null);

  return (
    <>
      <div className="section-head">
        <p className="muted">
          Beacon runs these itself: a check that goes down raises an alert on this service like any monitoring
          would.
        </p>
        {canWrite && !isCreating ? (
          <button
            type="button"
            className="button primary"
            onClick={() => {
              create.reset();
              setCreated(null);
              setCreating(true);
            }}
          >
            Add check
          </button>
        ) : null}
      </div>
      {isCreating ? (
        <section className="card">
          <h2 className="card-title">New check</h2>
          <CheckForm
            submitLabel="Create check"
            isPending={create.isPending}
            error={create.error}
            onCreate={(body) =>
              create.mutate(
                { serviceId, ...body },
                {
                  onSuccess: (check) => {
                    setCreating(false);
                    setCreated(check);
                  },
                },
              )
            }
            onCancel={() => setCreating(false)}
          />
        </section>
      ) : null}
      {created?.pingUrl ? (
        <section className="card secret" aria-label="Heartbeat ping URL">
          <h2 className="card-title">Heartbeat “{created.name}” created</h2>
          <p>
            Call this URL at the end of every run. It is secret: anyone with it can report the job as done.
          </p>
          <PingUrl url={created.pingUrl} />
          <button type="button" className="button ghost small" onClick={() => setCreated(null)}>
            Done
          </button>
        </section>
      ) : null}
      <ErrorBanner error={checks.error} />
      {checks.isPending ? <Loading what="Loading checks" /> : null}
      {checks.data?.length === 0 ? <div className="empty">No checks for this service yet.</div> : null}
      {checks.data && checks.data.length > 0 ? (
        <ChecksTable checks={checks.data} showService={false} canWrite={canWrite} />
      ) : null}
    </>
  );
}
