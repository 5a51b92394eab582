import { Link } from 'react-router';
import type { SimilarIncident, SimilarIncidentList } from '../../core/schemas/similar.js';
import { useMarkRecurrence, useSimilarIncidents, useUnmarkRecurrence } from '../api/similar.js';
import { StatusBadge } from './badges.js';
import { ErrorBanner } from './form.js';
import { formatTime, timeAgo } from './format.js';

interface Props {
  incidentRef: string;
  canWrite: boolean;
}

/** Why a past incident is similar, in one line a responder reads at a glance. */
export function reasonsText(item: SimilarIncident): string {
  const parts: string[] = [];
  if (item.why.sharedAlertnames.length > 0) parts.push(`same alert ${item.why.sharedAlertnames.join(', ')}`);
  if (item.why.sharedServices.length > 0)
    parts.push(`same service ${item.why.sharedServices.map((s) => s.name).join(', ')}`);
  if (item.why.sharedTerms.length > 0)
    parts.push(`shares “${item.why.sharedTerms.slice(0, 5).join('”, “')}”`);
  if (item.why.sharedLabels.length > 0) parts.push(item.why.sharedLabels.slice(0, 2).join(', '));
  if (item.why.sameCategory && item.category) parts.push(`same category (${item.category})`);
  return parts.join(' · ');
}

function SimilarItem({
  item,
  canMark,
  onMark,
  isBusy,
}: {
  item: SimilarIncident;
  canMark: boolean;
  onMark: () => void;
  isBusy: boolean;
}) {
  return (
    <li data-testid="similar-incident" className={item.isRecurrenceOf ? 'is-recurrence' : undefined}>
      <div className="similar-head">
        <Link to={`/incidents/${item.ref}`} className="ref">
          {item.ref}
        </Link>
        <Link to={`/incidents/${item.ref}`} className="similar-title">
          {item.title}
        </Link>
        <span className="similar-score" title="Similarity score (0–100)">
          {Math.round(item.why.score * 100)}
        </span>
      </div>
      <p className="why">
        {reasonsText(item)} · <StatusBadge status={item.status} />{' '}
        <span title={formatTime(item.startedAt)}>{timeAgo(item.startedAt)}</span>
      </p>
      {item.rootCause ? (
        <p className="similar-fact">
          <strong>Root cause{item.rootCauseCategory ? ` (${item.rootCauseCategory})` : ''}:</strong>{' '}
          {item.rootCause}
        </p>
      ) : null}
      {item.resolution ? (
        <p className="similar-fact">
          <strong>Resolution:</strong> {item.resolution}
        </p>
      ) : null}
      {item.openFollowUps.length > 0 ? (
        <div className="similar-fact">
          <strong>Open follow-ups:</strong>
          <ul className="similar-follow-ups">
            {item.openFollowUps.map((followUp) => (
              <li key={followUp.id}>
                {followUp.title}
                {followUp.owner ? <span className="muted"> · {followUp.owner}</span> : null}
                {followUp.dueAt ? <span className="muted"> · due {formatTime(followUp.dueAt)}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="similar-actions">
        <Link to={item.reviewUrl} className="button small ghost">
          Review
        </Link>
        {item.isRecurrenceOf ? <span className="chip recurrence">Recurrence of this</span> : null}
        {canMark ? (
          <button
            type="button"
            className="button small ghost"
            disabled={isBusy}
            aria-label={`Mark as a recurrence of ${item.ref}`}
            onClick={onMark}
          >
            Mark as recurrence
          </button>
        ) : null}
      </div>
    </li>
  );
}

function MarkLine({
  list,
  canWrite,
  onUndo,
  isBusy,
}: {
  list: SimilarIncidentList;
  canWrite: boolean;
  onUndo: () => void;
  isBusy: boolean;
}) {
  const mark = list.recurrenceOf;
  return (
    <>
      {mark ? (
        <p className="recurrence-line" data-testid="recurrence-mark">
          Recurrence of <Link to={`/incidents/${mark.recurrenceOf.ref}`}>{mark.recurrenceOf.ref}</Link>{' '}
          {mark.recurrenceOf.title}
          <span className="muted">
            {' '}
            · marked {mark.markedBy ? `by ${mark.markedBy} ` : ''}
            {timeAgo(mark.markedAt)}
          </span>
          {canWrite ? (
            <button type="button" className="button small ghost" disabled={isBusy} onClick={onUndo}>
              Undo
            </button>
          ) : null}
        </p>
      ) : null}
      {list.recurrences.length > 0 ? (
        <p className="recurrence-line">
          Recurred as{' '}
          {list.recurrences.map((entry, i) => (
            <span key={entry.ref}>
              {i > 0 ? ', ' : ''}
              <Link to={`/incidents/${entry.ref}`} title={entry.title}>
                {entry.ref}
              </Link>
            </span>
          ))}
        </p>
      ) : null}
    </>
  );
}

/**
 * Similar past incidents, from the moment an incident is declared: why each is similar, its
 * root cause, resolution, review and open follow-ups; mark this incident as a recurrence of one.
 */
export function IncidentSimilar({ incidentRef, canWrite }: Props) {
  const similar = useSimilarIncidents(incidentRef);
  const mark = useMarkRecurrence(incidentRef);
  const unmark = useUnmarkRecurrence(incidentRef);
  const list = similar.data;
  const isBusy = mark.isPending || unmark.isPending;
  return (
    <section className="card similar-incidents" aria-label="Similar incidents">
      <div className="card-head">
        <h2 className="card-title">Similar incidents</h2>
      </div>
      <ErrorBanner error={similar.error ?? mark.error ?? unmark.error} />
      {list ? (
        <MarkLine list={list} canWrite={canWrite} onUndo={() => unmark.mutate()} isBusy={isBusy} />
      ) : null}
      {list && list.items.length === 0 ? <p className="muted">No similar past incidents.</p> : null}
      <ul className="similar-list">
        {list?.items.map((item) => (
          <SimilarItem
            key={item.ref}
            item={item}
            canMark={canWrite && list.recurrenceOf === null}
            isBusy={isBusy}
            onMark={() => mark.mutate(item.ref)}
          />
        ))}
      </ul>
    </section>
  );
}
