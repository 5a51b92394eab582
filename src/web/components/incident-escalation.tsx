import { useState, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import type { Incident } from '../../core/schemas/incident.js';
import { type EscalationReason, isFinishedStatus } from '../../core/oncall/escalation-reason.js';
import type { EscalationPolicy, EscalationState, PagedPerson } from '../../core/schemas/oncall.js';
import { useUsers } from '../api/catalog.js';
import { useTimeline } from '../api/incidents.js';
import { useEscalateNow, useEscalation, usePolicy, useReassign, useScheduleChoices } from '../api/paging.js';
import { TargetChip } from './escalation-steps.js';
import { IncidentDeliveries } from './incident-deliveries.js';
import { ErrorBanner, Field, fieldError } from './form.js';
import { formatShortTime, formatTime, statusLabel, timeUntil } from './format.js';
import '../styles/paging.css';
import { useNow } from './use-now.js';

interface Props {
  incident: Incident;
  canWrite: boolean;
}

/** The step that paged last in a running escalation (null: step 1 has not paged yet). */
function lastFiredStep(state: EscalationState, stepCount: number): number | null {
  if (state.stepIndex === null) return null;
  if (state.stepIndex > 0) return state.stepIndex - 1;
  return (state.repeatIndex ?? 0) > 0 ? stepCount - 1 : null;
}

/** The incident's escalation: where it stands, who was paged, and paging by hand. */
export function IncidentEscalation({ incident, canWrite }: Props) {
  const state = useEscalation(incident.ref);
  const policy = usePolicy(state.data?.policyId ?? null);
  const timeline = useTimeline(incident.ref);
  const escalate = useEscalateNow(incident.ref);
  const [isReassigning, setReassigning] = useState(false);
  const history = (timeline.data ?? [])
    .filter((e) => e.kind === 'escalated' || e.kind === 'notified' || e.kind === 'notification_failed')
    .reverse();
  const isTriggered = incident.status === 'triggered';
  const s = state.data;
  const canEscalate = s ? s.canEscalate : isTriggered;
  const canReassign = s ? s.canReassign : !isFinishedStatus(incident.status);

  return (
    <section className="card esc-panel" aria-label="Escalation" data-testid="escalation-panel">
      <div className="card-head">
        <h2 className="card-title">Escalation</h2>
        {s ? <EscalationBadge state={s} /> : null}
      </div>
      <ErrorBanner error={state.error} />
      {s && s.reason !== 'escalating' ? (
        <p className={`esc-reason esc-reason-${s.reason}`} data-testid="escalation-reason">
          {s.reasonText}
        </p>
      ) : null}
      {s ? <EscalationSummary state={s} policy={policy.data ?? null} isPolicyGone={policy.isError} /> : null}
      {canWrite ? (
        <div className="toolbar esc-actions">
          <button
            type="button"
            className="button small danger-outline"
            disabled={!canEscalate || escalate.isPending}
            title={canEscalate ? 'Page the next step now' : 'Only a triggered incident escalates'}
            onClick={() => escalate.mutate()}
          >
            Escalate now
          </button>
          <button
            type="button"
            className="button small"
            aria-expanded={isReassigning && canReassign}
            disabled={!canReassign}
            title={
              canReassign
                ? 'Notify a person or whoever a schedule has on call'
                : `A ${statusLabel(incident.status).toLowerCase()} incident cannot be reassigned`
            }
            onClick={() => setReassigning(!isReassigning)}
          >
            Reassign to…
          </button>
        </div>
      ) : null}
      <ErrorBanner error={escalate.error} />
      {s && s.paged.length > 0 ? <PagedPeople state={s} /> : null}
      {isReassigning && canReassign ? (
        <ReassignForm incidentRef={incident.ref} onDone={() => setReassigning(false)} />
      ) : null}
      <h3>Paging history</h3>
      {history.length === 0 ? (
        <p className="muted">Nobody has been paged for this incident.</p>
      ) : (
        <ol className="esc-history" data-testid="escalation-history">
          {history.map((entry) => (
            <li key={entry.id} className={`esc-history-${entry.kind}`}>
              <time dateTime={entry.at} title={formatTime(entry.at)}>
                {formatShortTime(entry.at)}
              </time>
              <span>
                {entry.actor.type === 'user' ? <strong>{entry.actor.name}: </strong> : null}
                {entry.body}
              </span>
            </li>
          ))}
        </ol>
      )}
      <IncidentDeliveries incidentRef={incident.ref} />
    </section>
  );
}

const BADGES: Record<EscalationReason, string> = {
  escalating: 'Escalating',
  not_triggered: 'Not paging',
  acknowledged: 'Stopped',
  finished: 'Stopped',
  no_policy: 'No policy',
  nobody_on_call: 'Nobody on call',
  maintenance: 'In maintenance',
  completed: 'All steps paged',
  not_started: 'Not running',
};

function EscalationBadge({ state }: { state: EscalationState }) {
  const isWarning = state.reason === 'nobody_on_call' || state.reason === 'no_policy';
  return (
    <span
      className={`badge${state.isActive && !isWarning ? ' status-triggered' : ''}${isWarning ? ' badge-warning' : ''}`}
    >
      {BADGES[state.reason]}
    </span>
  );
}

const DELIVERY: Record<NonNullable<PagedPerson['delivery']>, string> = {
  pending: 'queued',
  sending: 'sending',
  sent: 'sent',
  dead: 'failed',
  cancelled: 'cancelled',
};

/** Everyone paged about the incident: when, how the page went, and who acknowledged. */
function PagedPeople({ state }: { state: EscalationState }) {
  return (
    <>
      <h3>Paged</h3>
      <ul className="esc-paged" data-testid="escalation-paged">
        {state.paged.map((page, index) => (
          <li key={`${String(page.user.id)}:${page.pagedAt}:${String(index)}`}>
            <strong>{page.user.name}</strong>
            <span className="muted">
              {' '}
              {page.reason} · <time dateTime={page.pagedAt}>{formatShortTime(page.pagedAt)}</time>
              {page.delivery ? ` · ${page.channel ?? ''} ${DELIVERY[page.delivery]}` : ''}
            </span>
            {page.hasAcknowledged ? <span className="badge status-investigating">acknowledged</span> : null}
          </li>
        ))}
      </ul>
    </>
  );
}

interface SummaryProps {
  state: EscalationState;
  policy: EscalationPolicy | null;
  /** The policy could not be loaded (deleted since the escalation ran). */
  isPolicyGone: boolean;
}

/** Which policy, which step paged last, and which step pages next and when. */
function EscalationSummary({ state, policy, isPolicyGone }: SummaryProps) {
  const now = useNow(15_000);
  // Without a policy the reason above says why nobody is paged.
  if (state.policyId === null) return null;
  const steps = policy?.steps ?? [];
  const fired = lastFiredStep(state, steps.length);
  const next = state.stepIndex !== null ? steps[state.stepIndex] : undefined;
  const passes = (policy?.repeatCount ?? 0) + 1;
  return (
    <dl className="props esc-summary">
      <dt>Policy</dt>
      <dd>
        {policy ? (
          <Link to={`/escalation-policies/${policy.id}`}>{policy.name}</Link>
        ) : isPolicyGone ? (
          <span className="muted">deleted</span>
        ) : (
          '…'
        )}
        {state.isActive && passes > 1 ? (
          <span className="muted">
            {' '}
            · pass {(state.repeatIndex ?? 0) + 1} of {passes}
          </span>
        ) : null}
      </dd>
      {state.isActive && isPolicyGone ? (
        <>
          <dt>State</dt>
          <dd>The policy was deleted: this escalation ends when its next step is due.</dd>
        </>
      ) : state.isActive ? (
        <>
          <dt>Current step</dt>
          <dd data-testid="escalation-current">
            {fired === null ? 'Starting — step 1 pages now' : `Step ${fired + 1} of ${steps.length} paged`}
          </dd>
          <dt>Next step</dt>
          <dd data-testid="escalation-next">
            {state.stepIndex !== null ? `Step ${state.stepIndex + 1} ` : ''}
            <time dateTime={state.nextAt ?? undefined} title={formatTime(state.nextAt)}>
              {timeUntil(state.nextAt, now)} ({formatShortTime(state.nextAt)})
            </time>
            {next ? (
              <span className="esc-targets">
                {next.targets.map((t) => (
                  <TargetChip key={`${t.type}:${t.id}`} target={t} />
                ))}
              </span>
            ) : null}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** Notify someone else now: a person, or whoever a schedule has on call. */
function ReassignForm({ incidentRef, onDone }: { incidentRef: string; onDone: () => void }) {
  const users = useUsers();
  const schedules = useScheduleChoices();
  const reassign = useReassign(incidentRef);
  const [target, setTarget] = useState('');
  const [notified, setNotified] = useState<string[] | null>(null);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const [type, id] = target.split(':');
    if (!id) return;
    reassign.mutate(type === 'schedule' ? { scheduleId: Number(id) } : { userIds: [Number(id)] }, {
      onSuccess: (result) => {
        setNotified(result.notified);
        setTarget('');
      },
    });
  };
  const error = fieldError(reassign.error, 'userIds') ?? fieldError(reassign.error, 'scheduleId');
  return (
    <form className="inline-form esc-reassign" onSubmit={submit} aria-label="Reassign">
      <Field label="Notify now" error={error}>
        {(id, d) => (
          <select id={id} aria-describedby={d} value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">Choose a person or schedule…</option>
            <optgroup label="People">
              {(users.data ?? [])
                .filter((u) => !u.disabled)
                .map((u) => (
                  <option key={u.id} value={`user:${u.id}`}>
                    {u.name || u.email}
                  </option>
                ))}
            </optgroup>
            {(schedules.data ?? []).length > 0 ? (
              <optgroup label="Whoever is on call on">
                {(schedules.data ?? []).map((s) => (
                  <option key={s.id} value={`schedule:${s.id}`}>
                    {s.name}
                    {s.onCallName ? ` (${s.onCallName})` : ' (nobody now)'}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        )}
      </Field>
      <button type="submit" className="button small primary" disabled={!target || reassign.isPending}>
        Notify
      </button>
      <button type="button" className="button small ghost" onClick={onDone}>
        Close
      </button>
      <ErrorBanner error={reassign.error} shownFields={['userIds', 'scheduleId']} />
      {notified ? (
        <p className="ok-text" role="status">
          Notified {notified.join(', ')}.
        </p>
      ) : null}
    </form>
  );
}
