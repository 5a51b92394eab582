import { useState, type SyntheticEvent } from 'react';
import type { Incident, UpdateIncidentBody } from '../../core/schemas/incident.js';
import { useIncidentAction } from '../api/incidents.js';
import { ActionError } from './action-error.js';
import { INCIDENT_FIELD_NAMES, IncidentFields, parseTags, type IncidentDraft } from './incident-fields.js';
import { FormActions } from './form-actions.js';
import { useUnsavedChanges } from './unsaved-changes.js';

/** The draft an incident starts editing from. */
function draftOf(incident: Incident): IncidentDraft {
  return {
    title: incident.title,
    summary: incident.summary,
    severity: incident.severity,
    impact: incident.impact,
    urgency: incident.urgency,
    category: incident.category ?? '',
    serviceIds: incident.services.map((s) => String(s.id)),
    commanderId: incident.commander ? String(incident.commander.id) : '',
    tags: incident.tags.join(', '),
  };
}

/** Only the fields that changed, plus the version the user saw. */
function patchOf(before: IncidentDraft, after: IncidentDraft, version: number): UpdateIncidentBody {
  const patch: UpdateIncidentBody = { version };
  if (after.title !== before.title) patch.title = after.title.trim();
  if (after.summary !== before.summary) patch.summary = after.summary;
  if (after.severity !== before.severity) patch.severity = after.severity;
  if (after.impact !== before.impact) patch.impact = after.impact;
  if (after.urgency !== before.urgency) patch.urgency = after.urgency;
  if (after.category !== before.category) patch.category = after.category || null;
  if ([...after.serviceIds].sort().join() !== [...before.serviceIds].sort().join())
    patch.serviceIds = after.serviceIds.map(Number);
  if (after.commanderId !== before.commanderId)
    patch.commanderId = after.commanderId ? Number(after.commanderId) : null;
  if (parseTags(after.tags).join() !== parseTags(before.tags).join()) patch.tags = parseTags(after.tags);
  return patch;
}

interface Props {
  incident: Incident;
  onDone: () => void;
  onReload: () => void;
}

/** Edit an incident's fields; sends a PATCH guarded by the version it was loaded at. */
export function IncidentEditForm({ incident, onDone, onReload }: Props) {
  // Keep the version the user started editing from, even if live updates refresh `incident`.
  const [initial] = useState(() => ({ draft: draftOf(incident), version: incident.version }));
  const [draft, setDraft] = useState(initial.draft);
  const action = useIncidentAction(incident.ref);
  useUnsavedChanges(Object.keys(patchOf(initial.draft, draft, initial.version)).length > 1);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const body = patchOf(initial.draft, draft, initial.version);
    if (Object.keys(body).length === 1) return onDone();
    action.mutate({ kind: 'update', body }, { onSuccess: onDone });
  };

  return (
    <form className="card edit-form" onSubmit={submit} noValidate aria-label="Edit incident">
      <h2 className="card-title">Edit incident</h2>
      <ActionError
        error={action.error}
        onReload={() => {
          action.reset();
          onReload();
          onDone();
        }}
        shownFields={INCIDENT_FIELD_NAMES}
      />
      <IncidentFields
        draft={draft}
        onChange={(patch) => setDraft({ ...draft, ...patch })}
        error={action.error}
      />
      <FormActions
        submitLabel="Save changes"
        pendingLabel="Saving…"
        isPending={action.isPending}
        onCancel={onDone}
      />
    </form>
  );
}
