import { useState, type SyntheticEvent } from 'react';
import type { DefaultStakeholder, Stakeholder, StakeholderType } from '../../core/schemas/stakeholders.js';
import { useTeams, useUsers } from '../api/catalog.js';
import {
  useAddStakeholder,
  useRemoveStakeholder,
  useStakeholders,
  useSubscription,
} from '../api/stakeholders.js';
import { ErrorBanner, fieldError } from './form.js';
import { usePendingValues } from './optimistic.js';
import '../styles/stakeholders.css';
import { useUnsavedChanges } from './unsaved-changes.js';

interface Props {
  incidentRef: string;
  canWrite: boolean;
}

const TYPE_LABELS: Record<StakeholderType, string> = { user: 'Person', team: 'Team', email: 'Email' };

function nameOf(entry: Pick<Stakeholder, 'user' | 'team' | 'email'>): string {
  if (entry.user) return entry.user.name || entry.user.email;
  if (entry.team)
    return `${entry.team.name} (${entry.team.memberCount} ${entry.team.memberCount === 1 ? 'member' : 'members'})`;
  return entry.email ?? '—';
}

/** Who gets stakeholder updates: people, teams and addresses; anyone may subscribe themselves. */
export function IncidentStakeholders({ incidentRef, canWrite }: Props) {
  const list = useStakeholders(incidentRef);
  const remove = useRemoveStakeholder(incidentRef);
  const subscription = useSubscription(incidentRef);
  const subscribed = usePendingValues<boolean>();
  const data = list.data;
  const isSubscribed = subscribed.valueOf('me', data?.isSubscribed ?? false);
  const count = data?.recipientCount ?? 0;
  return (
    <section className="card stakeholders-card" aria-label="Stakeholders">
      <div className="card-head">
        <h2 className="card-title">Stakeholders</h2>
        {data ? (
          <button
            type="button"
            className={`button small${isSubscribed ? ' ghost' : ''}`}
            aria-busy={subscribed.isPending('me')}
            aria-pressed={isSubscribed}
            onClick={() =>
              subscribed.change('me', !isSubscribed, (value, settle) => subscription.mutate(value, settle))
            }
          >
            {isSubscribed ? 'Unsubscribe' : 'Subscribe to updates'}
          </button>
        ) : null}
      </div>
      <ErrorBanner error={list.error ?? remove.error ?? subscription.error} />
      {data ? (
        <p className="muted stakeholder-count">
          {count === 0
            ? 'Nobody gets stakeholder updates yet.'
            : `${count} ${count === 1 ? 'address gets' : 'addresses get'} stakeholder updates by email.`}
        </p>
      ) : null}
      <ul className="stakeholder-list">
        {(data?.items ?? []).map((entry) => (
          <li key={entry.id} data-testid="stakeholder">
            <span className="chip stakeholder-type">{TYPE_LABELS[entry.type]}</span>
            <span className="stakeholder-name">{nameOf(entry)}</span>
            {entry.source === 'subscribed' ? <span className="muted small-note">subscribed</span> : null}
            {canWrite ? (
              <button
                type="button"
                className="button small ghost"
                aria-label={`Remove ${nameOf(entry)}`}
                disabled={remove.isPending}
                onClick={() => remove.mutate(entry.id)}
              >
                ×
              </button>
            ) : null}
          </li>
        ))}
        {(data?.defaults ?? []).map((entry) => (
          <DefaultItem key={`${entry.rule}:${entry.type}:${nameOf(entry)}`} entry={entry} />
        ))}
      </ul>
      {canWrite ? <AddStakeholderForm incidentRef={incidentRef} /> : null}
    </section>
  );
}

function DefaultItem({ entry }: { entry: DefaultStakeholder }) {
  return (
    <li data-testid="stakeholder" title="Added by the workspace settings for incidents like this one">
      <span className="chip stakeholder-type">{TYPE_LABELS[entry.type]}</span>
      <span className="stakeholder-name">{nameOf(entry)}</span>
      <span className="muted small-note">default</span>
    </li>
  );
}

function AddStakeholderForm({ incidentRef }: { incidentRef: string }) {
  const add = useAddStakeholder(incidentRef);
  const users = useUsers();
  const teams = useTeams();
  const [type, setType] = useState<StakeholderType>('user');
  const [value, setValue] = useState('');
  useUnsavedChanges(type === 'email' && value.trim() !== '');
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!value.trim()) return;
    const body =
      type === 'user'
        ? { userId: Number(value) }
        : type === 'team'
          ? { teamId: Number(value) }
          : { email: value.trim() };
    add.mutate(body, { onSuccess: () => setValue('') });
  };
  const error =
    fieldError(add.error, 'userId') ?? fieldError(add.error, 'teamId') ?? fieldError(add.error, 'email');
  return (
    <form className="stakeholder-add" onSubmit={submit} noValidate aria-label="Add stakeholder">
      <select
        aria-label="Stakeholder type"
        value={type}
        onChange={(e) => {
          setType(e.target.value as StakeholderType);
          setValue('');
        }}
      >
        <option value="user">Person</option>
        <option value="team">Team</option>
        <option value="email">Email</option>
      </select>
      {type === 'email' ? (
        <input
          type="email"
          aria-label="Email address"
          placeholder="vendor@example.com"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      ) : (
        <select
          aria-label={type === 'user' ? 'Person' : 'Team'}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        >
          <option value="">{type === 'user' ? 'Choose a person…' : 'Choose a team…'}</option>
          {type === 'user'
            ? (users.data ?? [])
                .filter((u) => !u.disabled)
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name || u.email}
                  </option>
                ))
            : (teams.data ?? []).map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
        </select>
      )}
      <button type="submit" className="button small" disabled={add.isPending || !value.trim()}>
        Add
      </button>
      {error ? <p className="field-error">{error}</p> : add.error ? <ErrorBanner error={add.error} /> : null}
    </form>
  );
}
