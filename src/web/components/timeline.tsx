import { TEXT_LIMITS } from '../../core/text/limits.js';
import { useState, type SyntheticEvent } from 'react';
import type { TimelineEntry, TimelineKind } from '../../core/schemas/timeline.js';
import { useAddNote, useTimeline } from '../api/incidents.js';
import { ErrorBanner, Loading, fieldError } from './form.js';
import { formatShortTime, formatTime, humanize, showValue } from './format.js';
import { useUnsavedChanges } from './unsaved-changes.js';
import { TextAreaField } from './text-field.js';

// Partial: kinds added later still render, as their humanized name.
const KIND_TEXT: Partial<Record<TimelineKind, string>> = {
  declared: 'declared the incident',
  updated: 'updated the incident',
  status_changed: 'changed the status',
  acknowledged: 'acknowledged',
  resolved: 'resolved the incident',
  closed: 'closed the incident',
  reopened: 'reopened the incident',
  declined: 'declined the incident',
  merged_into: 'merged this into another incident',
  merged_from: 'merged another incident into this one',
  note: 'added a note',
  alert_attached: 'attached an alert',
  alerts_resolved: 'resolved its alerts',
  change_event: 'recorded a change',
  triaged: 'applied a triage rule',
  status_update: 'posted a status update',
  stakeholder_update: 'sent a stakeholder update',
  reminder_sent: 'sent an update reminder',
  stakeholders_changed: 'changed the stakeholders',
  report_linked: 'linked a customer report',
  report_unlinked: 'unlinked a customer report',
  resolution_updated: 'updated the resolution record',
  follow_up_added: 'added a follow-up action',
  follow_up_done: 'finished a follow-up action',
  auto_close_skipped: 'left the incident resolved',
  recurrence_marked: 'marked a recurrence',
  recurrence_unmarked: 'undid a recurrence mark',
};

/** One line of the timeline: who, what, when, the changes and the note. */
function Entry({ entry, incidentRef }: { entry: TimelineEntry; incidentRef: string }) {
  // Skip no-op changes (same value before and after) so the line says only what moved.
  const changes = Object.entries(entry.changes ?? {}).filter(
    ([, change]) => showValue(change.before) !== showValue(change.after),
  );
  const isFromMerged = entry.incidentRef !== incidentRef;
  return (
    <li className={`tl-entry tl-${entry.kind}`} data-testid="timeline-entry" data-kind={entry.kind}>
      <span className="tl-dot" aria-hidden="true" />
      <div className="tl-body">
        <div className="tl-head">
          {isFromMerged ? <span className="chip from-ref">{entry.incidentRef}</span> : null}
          <strong>{entry.actor.name}</strong>
          {entry.actor.type === 'system' ? <span className="system-tag">auto</span> : null}{' '}
          <span className="tl-kind">{KIND_TEXT[entry.kind] ?? humanize(entry.kind)}</span>
          <time dateTime={entry.at} className="tl-time" title={formatTime(entry.at)}>
            {formatShortTime(entry.at)}
          </time>
        </div>
        {changes.length > 0 ? (
          <ul className="tl-changes">
            {changes.map(([field, change]) => (
              <li key={field}>
                <span className="tl-field">
                  {humanize(field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase())}
                </span>{' '}
                <span className="before">{showValue(change.before)}</span> <span aria-label="to">→</span>{' '}
                <span className="after">{showValue(change.after)}</span>
              </li>
            ))}
          </ul>
        ) : null}
        {entry.body ? <p className="tl-note">{entry.body}</p> : null}
      </div>
    </li>
  );
}

/** The incident's timeline, oldest first, with the add-note box at the end. */
export function Timeline({ incidentRef, canWrite }: { incidentRef: string; canWrite: boolean }) {
  const timeline = useTimeline(incidentRef);
  return (
    <section className="card timeline" aria-label="Timeline">
      <h2 className="card-title">Timeline</h2>
      <ErrorBanner error={timeline.error} />
      {timeline.isPending ? <Loading what="Loading timeline" /> : null}
      <ol className="tl-list">
        {(timeline.data ?? []).map((entry) => (
          <Entry key={entry.id} entry={entry} incidentRef={incidentRef} />
        ))}
      </ol>
      {canWrite ? <NoteBox incidentRef={incidentRef} /> : null}
    </section>
  );
}

/** Textarea and button that append a note to the timeline. */
function NoteBox({ incidentRef }: { incidentRef: string }) {
  const [body, setBody] = useState('');
  const addNote = useAddNote(incidentRef);
  useUnsavedChanges(body.trim() !== '');
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    addNote.mutate(body.trim(), { onSuccess: () => setBody('') });
  };
  return (
    <form className="note-box" onSubmit={submit}>
      <ErrorBanner error={addNote.error} shownFields={['body']} />
      <TextAreaField
        label="Add a note"
        error={fieldError(addNote.error, 'body')}
        rows={3}
        limit={TEXT_LIMITS.longText}
        placeholder="What did you find or do? Visible to everyone on this incident."
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) submit(e);
        }}
      />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={addNote.isPending || !body.trim()}>
          {addNote.isPending ? 'Adding…' : 'Add note'}
        </button>
      </div>
    </form>
  );
}
