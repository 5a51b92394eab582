import { useState, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import { type FollowUp, isOpenFollowUp } from '../../core/schemas/follow-ups.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';
import { useUsers } from '../api/catalog.js';
import { useCreateFollowUp, useIncidentFollowUps, useUpdateFollowUp } from '../api/follow-ups.js';
import { ActionError } from './action-error.js';
import { ErrorBanner, Field, fieldError } from './form.js';
import { FollowUpDue, FollowUpStateBadge } from './follow-up-labels.js';
import { TextField } from './text-field.js';
import { useUnsavedEdits } from './unsaved-changes.js';
import { ActiveUserOptions } from './user-options.js';
import '../styles/follow-ups.css';

interface Props {
  incidentRef: string;
  /** Whether the incident has ended (its open follow-ups then outlive it). */
  isEnded: boolean;
  canWrite: boolean;
}

/** An incident's follow-up actions: where each stands, mark one done, add one. */
export function IncidentFollowUps({ incidentRef, isEnded, canWrite }: Props) {
  const followUps = useIncidentFollowUps(incidentRef);
  const update = useUpdateFollowUp();
  const items = followUps.data?.items ?? [];
  const openCount = followUps.data?.openCount ?? 0;
  const markDone = (f: FollowUp) => update.mutate({ id: f.id, body: { state: 'done', version: f.version } });
  return (
    <section className="card incident-follow-ups" aria-label="Follow-ups">
      <div className="card-head">
        <h2 className="card-title">Follow-ups</h2>
        {followUps.isSuccess ? (
          <span
            className={openCount > 0 && isEnded ? 'open-count warn' : 'open-count muted'}
            data-testid="open-follow-ups"
          >
            {openCount === 1 ? '1 open follow-up' : `${String(openCount)} open follow-ups`}
          </span>
        ) : null}
      </div>
      <ErrorBanner error={followUps.error} />
      {followUps.isSuccess && items.length === 0 ? (
        <p className="muted">
          No follow-up actions yet. Add what should change so this does not happen again.
        </p>
      ) : null}
      <ul className="fu-list">
        {items.map((f) => (
          <li
            key={f.id}
            className={isOpenFollowUp(f.state) ? 'fu-item' : 'fu-item done'}
            data-testid="incident-follow-up"
          >
            <div>
              <Link to={`/follow-ups?focus=${String(f.id)}`} className="fu-title">
                {f.title}
              </Link>
              <div className="meta-line">
                <FollowUpStateBadge state={f.state} />
                <span>{f.owner ? f.owner.name || f.owner.email : 'Nobody yet'}</span>
                {f.dueAt ? <FollowUpDue followUp={f} /> : null}
              </div>
            </div>
            {canWrite && isOpenFollowUp(f.state) ? (
              <button
                type="button"
                className="button small"
                aria-label={`Mark ${f.ref} done`}
                disabled={update.isPending}
                onClick={() => markDone(f)}
              >
                Done
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <ActionError
        error={update.error}
        subject="follow-up"
        onReload={() => {
          update.reset();
          void followUps.refetch();
        }}
      />
      {canWrite ? <AddFollowUpForm incidentRef={incidentRef} /> : null}
    </section>
  );
}

function AddFollowUpForm({ incidentRef }: { incidentRef: string }) {
  const create = useCreateFollowUp(incidentRef);
  const users = useUsers();
  const [title, setTitle] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [due, setDue] = useState('');
  const { release } = useUnsavedEdits({ title, ownerId, due });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const body = {
      title: title.trim(),
      ...(ownerId ? { ownerId: Number(ownerId) } : {}),
      ...(due ? { dueAt: due } : {}),
    };
    create.mutate(body, {
      onSuccess: () => {
        release();
        setTitle('');
        setOwnerId('');
        setDue('');
      },
    });
  };
  const error = fieldError(create.error, 'title');
  return (
    <form className="fu-add" onSubmit={submit} noValidate aria-label="Add follow-up">
      <TextField
        label="New follow-up"
        error={error ? `Title ${error}` : undefined}
        limit={TEXT_LIMITS.title}
        placeholder="Alert on disk usage at 80%…"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <button type="submit" className="button small" disabled={create.isPending || !title.trim()}>
        Add
      </button>
      {title.trim() ? (
        <div className="fu-add-more">
          <Field label="Owner" error={fieldError(create.error, 'ownerId')}>
            {(id) => (
              <select id={id} value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
                <option value="">Nobody yet</option>
                <ActiveUserOptions users={users.data ?? []} />
              </select>
            )}
          </Field>
          <TextField
            label="Due"
            type="date"
            error={fieldError(create.error, 'dueAt')}
            value={due}
            onChange={(e) => setDue(e.target.value)}
          />
        </div>
      ) : null}
      {create.error && !error ? (
        <ErrorBanner error={create.error} shownFields={['title', 'ownerId', 'dueAt']} />
      ) : null}
    </form>
  );
}
