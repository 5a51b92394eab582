import { useState, type SyntheticEvent } from 'react';
import { FOLLOW_UP_PRIORITIES, type FollowUp, type FollowUpPriority } from '../../core/schemas/follow-ups.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';
import { useTeams, useUsers } from '../api/catalog.js';
import { useCreateFollowUp, useUpdateFollowUp } from '../api/follow-ups.js';
import { ActionError } from './action-error.js';
import { Field, fieldError } from './form.js';
import { FormActions } from './form-actions.js';
import { FOLLOW_UP_PRIORITY_TEXT, dueDayOf } from './follow-up-labels.js';
import { TextAreaField, TextField } from './text-field.js';
import { ActiveUserOptions } from './user-options.js';
import { useUnsavedEdits } from './unsaved-changes.js';

interface Draft {
  title: string;
  description: string;
  ownerId: string;
  teamId: string;
  due: string;
  priority: FollowUpPriority;
  externalUrl: string;
  incidents: string;
}

const draftOf = (f: FollowUp | undefined): Draft => ({
  title: f?.title ?? '',
  description: f?.description ?? '',
  ownerId: f?.owner ? String(f.owner.id) : '',
  teamId: f?.team ? String(f.team.id) : '',
  due: dueDayOf(f?.dueAt ?? null),
  priority: f?.priority ?? 'medium',
  externalUrl: f?.externalUrl ?? '',
  incidents: f ? f.incidents.map((i) => i.ref).join(', ') : '',
});

/** "3, inc-4 INC-5" → the canonical refs. */
function refsOf(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((ref) => (/^\d+$/.test(ref) ? `INC-${ref}` : ref.toUpperCase()));
}

/** The body fields a draft stands for (empty ones cleared). */
function bodyOf(draft: Draft) {
  return {
    title: draft.title.trim(),
    description: draft.description,
    ownerId: draft.ownerId ? Number(draft.ownerId) : null,
    teamId: draft.teamId ? Number(draft.teamId) : null,
    dueAt: draft.due || null,
    priority: draft.priority,
    externalUrl: draft.externalUrl.trim() || null,
    incidentRefs: refsOf(draft.incidents),
  };
}

interface Props {
  /** The follow-up to edit; a new one when left out. */
  followUp?: FollowUp;
  onDone: () => void;
  onReload: () => void;
}

/** Create or edit a follow-up action: what, who, by when, how urgent, its ticket and incidents. */
export function FollowUpForm({ followUp, onDone, onReload }: Props) {
  const users = useUsers();
  const teams = useTeams();
  const create = useCreateFollowUp();
  const update = useUpdateFollowUp();
  const write = followUp ? update : create;
  const [draft, setDraft] = useState(() => draftOf(followUp));
  const [missing, setMissing] = useState<string | undefined>();
  const { release } = useUnsavedEdits(draft);
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const error = write.error;

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!draft.title.trim()) {
      setMissing('Say what needs doing');
      return;
    }
    setMissing(undefined);
    const done = {
      onSuccess: () => {
        release();
        onDone();
      },
    };
    if (followUp)
      update.mutate({ id: followUp.id, body: { ...bodyOf(draft), version: followUp.version } }, done);
    else create.mutate(bodyOf(draft), done);
  };

  const label = followUp ? `Edit ${followUp.ref}` : 'New follow-up';
  return (
    <form className="card fu-form" onSubmit={submit} noValidate aria-label={label}>
      <h2 className="card-title">{label}</h2>
      <ActionError
        error={error}
        onReload={onReload}
        subject="follow-up"
        shownFields={['title', 'description', 'ownerId', 'teamId', 'dueAt', 'externalUrl', 'incidentRefs']}
      />
      <div className="form-grid">
        <TextField
          label="Title"
          className="span-all"
          error={missing ?? fieldError(error, 'title')}
          limit={TEXT_LIMITS.title}
          required
          value={draft.title}
          onChange={(e) => set({ title: e.target.value })}
        />
        <TextAreaField
          label="Description"
          className="span-all"
          error={fieldError(error, 'description')}
          rows={3}
          limit={TEXT_LIMITS.longText}
          value={draft.description}
          onChange={(e) => set({ description: e.target.value })}
        />
        <Field label="Owner" error={fieldError(error, 'ownerId')}>
          {(id, describedBy) => (
            <select
              id={id}
              aria-describedby={describedBy}
              value={draft.ownerId}
              onChange={(e) => set({ ownerId: e.target.value })}
            >
              <option value="">Nobody yet</option>
              <ActiveUserOptions users={users.data ?? []} />
            </select>
          )}
        </Field>
        <Field label="Team" error={fieldError(error, 'teamId')}>
          {(id, describedBy) => (
            <select
              id={id}
              aria-describedby={describedBy}
              value={draft.teamId}
              onChange={(e) => set({ teamId: e.target.value })}
            >
              <option value="">No team</option>
              {(teams.data ?? []).map((t) => (
                <option key={t.id} value={String(t.id)}>
                  {t.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          label="Due"
          type="date"
          error={fieldError(error, 'dueAt')}
          hint="The end of that day (UTC)."
          value={draft.due}
          onChange={(e) => set({ due: e.target.value })}
        />
        <Field label="Priority">
          {(id) => (
            <select
              id={id}
              value={draft.priority}
              onChange={(e) => set({ priority: e.target.value as FollowUpPriority })}
            >
              {FOLLOW_UP_PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {FOLLOW_UP_PRIORITY_TEXT[p]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          label="Ticket link"
          type="url"
          error={fieldError(error, 'externalUrl')}
          placeholder="https://tracker.example.com/OPS-12"
          limit={TEXT_LIMITS.address}
          value={draft.externalUrl}
          onChange={(e) => set({ externalUrl: e.target.value })}
        />
        <TextField
          label="Incidents"
          error={fieldError(error, 'incidentRefs')}
          hint="The incidents it came out of, e.g. INC-3, INC-7."
          value={draft.incidents}
          onChange={(e) => set({ incidents: e.target.value })}
        />
      </div>
      <FormActions
        submitLabel={followUp ? 'Save follow-up' : 'Create follow-up'}
        pendingLabel="Saving…"
        isPending={write.isPending}
        onCancel={() => {
          release();
          onDone();
        }}
      />
    </form>
  );
}
