import { useState, type SyntheticEvent } from 'react';
import type { IncidentStatus } from '../../core/incident-status.js';
import type { Incident } from '../../core/schemas/incident.js';
import type { IncidentUpdate, UpdateKind, UpdateReminderState } from '../../core/schemas/stakeholders.js';
import { usePostUpdate, useStakeholders, useUpdates } from '../api/stakeholders.js';
import { ErrorBanner, fieldError } from './form.js';
import { formatShortTime, formatTime, statusLabel, timeAgo, timeUntil } from './format.js';
import { TextAreaField } from './text-field.js';
import '../styles/stakeholders.css';
import { useNow } from './use-now.js';
import { useUnsavedChanges } from './unsaved-changes.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';

interface Props {
  incident: Incident;
  canWrite: boolean;
}

/** Updates shown before "Show all". */
const SHOWN = 3;

/** Status and stakeholder updates: write one, see when the next is due, read the latest. */
export function IncidentUpdates({ incident, canWrite }: Props) {
  const updates = useUpdates(incident.ref);
  const [isShowingAll, setShowingAll] = useState(false);
  const items = updates.data?.items ?? [];
  const shown = isShowingAll ? items : items.slice(0, SHOWN);
  return (
    <section className="card updates-card" aria-label="Updates" data-testid="updates-card">
      <div className="card-head">
        <h2 className="card-title">Updates</h2>
        {updates.data ? <DueBadge reminder={updates.data.reminder} /> : null}
      </div>
      <ErrorBanner error={updates.error} />
      {canWrite ? <UpdateComposer incident={incident} /> : null}
      {updates.isSuccess && items.length === 0 ? <p className="muted">No updates posted yet.</p> : null}
      <ul className="update-list">
        {shown.map((update) => (
          <UpdateItem key={update.id} update={update} />
        ))}
      </ul>
      {items.length > SHOWN ? (
        <button type="button" className="button small ghost" onClick={() => setShowingAll(!isShowingAll)}>
          {isShowingAll ? 'Show fewer' : `Show all ${items.length} updates`}
        </button>
      ) : null}
    </section>
  );
}

/** "Next update due in 12m", or "Update overdue" once the reminder time has passed. */
function DueBadge({ reminder }: { reminder: UpdateReminderState }) {
  const now = useNow(30_000);
  if (!reminder.dueAt) return null;
  const isOverdue = Date.parse(reminder.dueAt) <= now;
  return (
    <span
      className={`due-badge${isOverdue ? ' overdue' : ''}`}
      title={`Every ${reminder.minutes} minutes without an update, the commander is reminded. Due ${formatTime(reminder.dueAt)}.`}
      data-testid="update-due"
    >
      {isOverdue
        ? `Update overdue (${timeAgo(reminder.dueAt, now).replace(' ago', '')})`
        : `Next update due ${timeUntil(reminder.dueAt, now)}`}
    </span>
  );
}

function UpdateComposer({ incident }: { incident: Incident }) {
  const [message, setMessage] = useState('');
  useUnsavedChanges(message.trim() !== '');
  const post = usePostUpdate(incident.ref);
  const stakeholders = useStakeholders(incident.ref);
  const recipients = stakeholders.data?.recipientCount ?? 0;
  const [sent, setSent] = useState<UpdateKind | null>(null);
  const send = (kind: UpdateKind) => (event: SyntheticEvent) => {
    event.preventDefault();
    if (!message.trim()) return;
    setSent(null);
    post.mutate(
      { kind, message: message.trim() },
      {
        onSuccess: () => {
          setMessage('');
          setSent(kind);
        },
      },
    );
  };
  const state = `${statusLabel(incident.status)} · ${incident.severity} · ${incident.impact} impact`;
  return (
    <form className="update-composer" onSubmit={send('status')} aria-label="Post an update">
      <ErrorBanner error={post.error} shownFields={['message']} />
      <TextAreaField
        label="Write an update"
        error={fieldError(post.error, 'message')}
        hint={`Posted with the current state: ${state}.`}
        rows={3}
        limit={TEXT_LIMITS.update}
        placeholder="What is affected, what we are doing, when the next update comes."
        value={message}
        onChange={(e) => setMessage(e.target.value)}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={post.isPending || !message.trim()}>
          Post status update
        </button>
        <button
          type="button"
          className="button primary"
          disabled={post.isPending || !message.trim() || recipients === 0}
          title={recipients === 0 ? 'Add stakeholders first' : `Email it to ${recipients} stakeholders`}
          onClick={send('stakeholder')}
        >
          Send to {recipients} {recipients === 1 ? 'stakeholder' : 'stakeholders'}
        </button>
        {sent ? (
          <span className="ok-text" role="status">
            {sent === 'status' ? 'Status update posted.' : 'Stakeholder update sent.'}
          </span>
        ) : null}
      </div>
    </form>
  );
}

function UpdateItem({ update }: { update: IncidentUpdate }) {
  const isStakeholder = update.kind === 'stakeholder';
  return (
    <li className={`update-item ${update.kind}`} data-testid="update-item">
      <div className="update-meta meta-line">
        <span className={`chip update-kind ${update.kind}`}>
          {isStakeholder ? 'Stakeholder update' : 'Status update'}
        </span>
        <span>
          {statusLabel(update.status as IncidentStatus)} · {update.severity}
        </span>
        <span>{update.author ? update.author.name || update.author.email : 'Beacon'}</span>
        <time dateTime={update.postedAt} title={formatTime(update.postedAt)}>
          {formatShortTime(update.postedAt)}
        </time>
        {isStakeholder ? (
          <span title={update.recipients.map((r) => r.email).join(', ')}>
            emailed to {update.recipients.length}
          </span>
        ) : null}
      </div>
      <p className="update-message">{update.message}</p>
    </li>
  );
}
