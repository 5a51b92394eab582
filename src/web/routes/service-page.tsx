import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMaintenance, useServiceAlerts } from '../api/alerting.js';
import { deleteService, updateService, useService, useWrite } from '../api/catalog.js';
import { useCurrentUser } from '../api/session.js';
import { AlertRulesForm } from '../components/alert-rules-form.js';
import { AlertsTable } from '../components/alerts-table.js';
import { ServiceChanges } from '../components/change-events.js';
import { EscalationServicePolicy } from '../components/escalation-service-policy.js';
import { ErrorBanner, Loading } from '../components/form.js';
import { RecordHeader } from '../components/record-header.js';
import { formatShortTime, formatTime } from '../components/format.js';
import { Integrations } from '../components/integrations.js';
import { Maintenance } from '../components/maintenance.js';
import { ServiceChecks } from '../components/service-checks.js';
import { ServiceForm } from '../components/service-form.js';
import { ServiceRepeats } from '../components/service-repeats.js';
import { EditDeleteToolbar } from '../components/edit-delete-toolbar.js';

const TABS = [
  ['overview', 'Overview'],
  ['integrations', 'Integrations'],
  ['rules', 'Alert rules'],
  ['maintenance', 'Maintenance'],
  ['checks', 'Checks'],
] as const;
type Tab = (typeof TABS)[number][0];

/** One service: details, alerting setup (integrations, rules, maintenance), checks and changes. */
export function ServicePage() {
  const id = useParams()['id'] ?? '';
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find(([key]) => key === params.get('tab'))?.[0] ?? 'overview';
  const service = useService(id);
  const tabsRef = useRef<HTMLElement>(null);
  // On narrow screens the tab bar scrolls sideways: keep the current tab in view.
  useEffect(() => {
    const bar = tabsRef.current;
    const active = bar?.querySelector<HTMLElement>('.tab.active');
    if (!bar || !active) return;
    const left = active.offsetLeft - bar.offsetLeft;
    if (left < bar.scrollLeft || left + active.offsetWidth > bar.scrollLeft + bar.clientWidth)
      bar.scrollLeft = left - 12;
  }, [tab, service.isSuccess]);
  const { canWrite, isAdmin } = useCurrentUser();
  const navigate = useNavigate();
  const [isEditing, setEditing] = useState(false);
  const update = useWrite(updateService, ['services']);
  const remove = useWrite(deleteService, ['services']);

  if (service.isPending) return <Loading what="Loading service" />;
  if (service.isError) return <ErrorBanner error={service.error} />;
  const s = service.data;
  const onDelete = () => {
    if (!window.confirm(`Delete the service “${s.name}”?`)) return;
    remove.mutate(s.id, { onSuccess: () => void navigate('/services') });
  };

  return (
    <div className="service-page">
      <p className="crumbs">
        <Link to="/services">Services</Link> <span aria-hidden="true">/</span> {s.name}
      </p>
      <RecordHeader
        title={s.name}
        actions={
          canWrite && !isEditing ? (
            <EditDeleteToolbar
              onEdit={() => {
                setEditing(true);
                if (tab !== 'overview') setParams({});
              }}
              onDelete={onDelete}
              canDelete={isAdmin}
              isDeleting={remove.isPending}
            />
          ) : null
        }
        error={remove.error}
      />
      {tab !== 'maintenance' ? (
        <MaintenanceNotice serviceId={s.id} onOpen={() => setParams({ tab: 'maintenance' })} />
      ) : null}
      <nav className="tabs" aria-label="Service sections" ref={tabsRef}>
        {TABS.map(([key, label]) => (
          <Link
            key={key}
            to={{ search: key === 'overview' ? '' : `?tab=${key}` }}
            replace
            className={key === tab ? 'tab active' : 'tab'}
            aria-current={key === tab ? 'page' : undefined}
            onClick={() => setEditing(false)}
          >
            {label}
          </Link>
        ))}
      </nav>
      {tab === 'overview' ? (
        <>
          <section className="card">
            {isEditing ? (
              <ServiceForm
                service={s}
                submitLabel="Save service"
                isPending={update.isPending}
                error={update.error}
                onSubmit={(body) =>
                  update.mutate({ id: s.id, ...body }, { onSuccess: () => setEditing(false) })
                }
                onCancel={() => setEditing(false)}
              />
            ) : (
              <dl className="props wide">
                <dt>Description</dt>
                <dd>{s.description || '—'}</dd>
                <dt>Tier</dt>
                <dd>{s.tier ? `Tier ${s.tier}` : '—'}</dd>
                <dt>Owner team</dt>
                <dd>{s.ownerTeam?.name ?? '—'}</dd>
                <dt>Depends on</dt>
                <dd>
                  {s.dependsOn.length
                    ? s.dependsOn.map((d) => (
                        <Link key={d.id} className="chip" to={`/services/${d.id}`}>
                          {d.name}
                        </Link>
                      ))
                    : '—'}
                </dd>
                <dt>Open incidents</dt>
                <dd>
                  <Link to={`/?serviceId=${s.id}`}>{s.openIncidents} open</Link>
                </dd>
                <dt>Updated</dt>
                <dd>{formatTime(s.updatedAt)}</dd>
              </dl>
            )}
          </section>
          <EscalationServicePolicy serviceId={s.id} canWrite={canWrite} />
          <OpenAlerts serviceId={s.id} />
          <ServiceChanges serviceId={s.id} />
          <ServiceRepeats serviceId={s.id} />
        </>
      ) : null}
      {tab === 'integrations' ? <Integrations serviceId={s.id} /> : null}
      {tab === 'rules' ? <AlertRulesForm serviceId={s.id} /> : null}
      {tab === 'maintenance' ? <Maintenance serviceId={s.id} /> : null}
      {tab === 'checks' ? <ServiceChecks serviceId={s.id} /> : null}
    </div>
  );
}

/** A banner while the service is in maintenance. */
function MaintenanceNotice({ serviceId, onOpen }: { serviceId: number; onOpen: () => void }) {
  const active = useMaintenance(serviceId).data?.find((w) => w.isActive);
  if (!active) return null;
  return (
    <div className="alert alert-warning maintenance-notice" role="status">
      <strong>In maintenance until {formatShortTime(active.endsAt)}</strong>
      {active.reason ? <span> — {active.reason}</span> : null}. Alerts are recorded but open no incident.{' '}
      <button type="button" className="link-button" onClick={onOpen}>
        Manage
      </button>
    </div>
  );
}

/** The service's firing and acknowledged alerts. */
function OpenAlerts({ serviceId }: { serviceId: number }) {
  const alerts = useServiceAlerts(serviceId);
  return (
    <section className="section" aria-label="Open alerts">
      <div className="section-head">
        <h2>Open alerts</h2>
        <Link to={`/alerts?status=all&serviceId=${serviceId}`}>All alerts of this service</Link>
      </div>
      <ErrorBanner error={alerts.error} />
      {alerts.data?.length === 0 ? <p className="muted empty-line">No open alerts.</p> : null}
      {alerts.data && alerts.data.length > 0 ? (
        <AlertsTable alerts={alerts.data} showService={false} />
      ) : null}
    </section>
  );
}
