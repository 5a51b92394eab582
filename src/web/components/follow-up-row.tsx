import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { FollowUp } from '../../core/schemas/follow-ups.js';
import { FollowUpDue, FollowUpPriorityBadge, FollowUpStateBadge } from './follow-up-labels.js';
import { FollowUpStateActions } from './follow-up-state-actions.js';

interface Props {
  followUp: FollowUp;
  /** The one a `?focus=` link points to: highlighted and scrolled to. */
  isFocused: boolean;
  /** Shown only because it is focused: the filters would hide it. */
  isHiddenByFilters: boolean;
  canWrite: boolean;
  onEdit: () => void;
  onReload: () => void;
}

/** One follow-up in the list: what, who, when, how urgent, where it stands, its incidents. */
export function FollowUpRow({ followUp, isFocused, isHiddenByFilters, canWrite, onEdit, onReload }: Props) {
  const ref = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    if (isFocused) ref.current?.scrollIntoView({ block: 'center' });
  }, [isFocused]);
  const classes = ['fu-row', isFocused ? 'is-focused' : '', followUp.isOverdue ? 'is-overdue' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <tr
      ref={ref}
      className={classes}
      id={`follow-up-${String(followUp.id)}`}
      data-testid="follow-up-row"
      aria-current={isFocused ? 'true' : undefined}
    >
      <td className="cell-main">
        <span className="fu-title">
          <span className="ref">{followUp.ref}</span> {followUp.title}
        </span>
        {isHiddenByFilters ? (
          <span className="sub fu-note">Shown from the link; the filters hide it.</span>
        ) : null}
        {followUp.state === 'wont_do' && followUp.wontDoReason ? (
          <span className="sub">Won&apos;t do: {followUp.wontDoReason}</span>
        ) : null}
        {followUp.externalUrl ? (
          <a className="sub fu-ticket" href={followUp.externalUrl} target="_blank" rel="noreferrer noopener">
            Ticket ↗
          </a>
        ) : null}
      </td>
      <td data-label="Owner">
        {followUp.owner ? followUp.owner.name || followUp.owner.email : <span className="muted">Nobody</span>}
        {followUp.team ? <span className="fu-team"> · {followUp.team.name}</span> : null}
      </td>
      <td data-label="Due">
        <FollowUpDue followUp={followUp} />
      </td>
      <td data-label="Priority" className="cell-badge">
        <FollowUpPriorityBadge priority={followUp.priority} />
      </td>
      <td data-label="State" className="cell-badge">
        <FollowUpStateBadge state={followUp.state} />
      </td>
      <td data-label="Incidents">
        {followUp.incidents.length === 0 ? <span className="muted">—</span> : null}
        {followUp.incidents.map((incident) => (
          <Link
            key={incident.id}
            to={`/incidents/${encodeURIComponent(incident.ref)}`}
            className="fu-incident"
            title={incident.title}
          >
            {incident.ref}
          </Link>
        ))}
      </td>
      {canWrite ? (
        <td className="cell-actions">
          <FollowUpStateActions followUp={followUp} onReload={onReload} />
          <button
            type="button"
            className="button small ghost"
            aria-label={`Edit ${followUp.ref}`}
            onClick={onEdit}
          >
            Edit
          </button>
        </td>
      ) : null}
    </tr>
  );
}
