import { useState, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import type { Team } from '../../core/schemas/catalog.js';
import {
  deleteTeam,
  putTeamMember,
  removeTeamMember,
  updateTeam,
  useUsers,
  useWrite,
} from '../api/catalog.js';
import { ErrorBanner, Field, fieldError } from './form.js';
import { usePendingValues } from './optimistic.js';
import { DeleteButton } from './delete-button.js';
import { useUnsavedChanges } from './unsaved-changes.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';
import { TextField } from './text-field.js';

type MemberRole = 'lead' | 'member';

/** One team: name, services, members with roles; write actions when allowed. */
export function TeamCard({
  team,
  canWrite,
  canDelete,
}: {
  team: Team;
  canWrite: boolean;
  canDelete: boolean;
}) {
  const users = useUsers();
  const put = useWrite(putTeamMember, ['teams']);
  const roles = usePendingValues<MemberRole>();
  const remove = useWrite(removeTeamMember, ['teams']);
  const update = useWrite(updateTeam, ['teams']);
  const drop = useWrite(deleteTeam, ['teams', 'services']);
  const [isEditing, setEditing] = useState(false);
  const [name, setName] = useState(team.name);
  const [description, setDescription] = useState(team.description);
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<MemberRole>('member');
  useUnsavedChanges(isEditing && (name !== team.name || description !== team.description));
  const memberIds = new Set(team.members.map((m) => m.user.id));
  const candidates = (users.data ?? []).filter((u) => !memberIds.has(u.id) && !u.disabled);

  const addMember = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!userId) return;
    put.mutate({ teamId: team.id, userId: Number(userId), role }, { onSuccess: () => setUserId('') });
  };
  const save = (event: SyntheticEvent) => {
    event.preventDefault();
    update.mutate({ id: team.id, name: name.trim(), description }, { onSuccess: () => setEditing(false) });
  };
  const onDelete = () => {
    if (window.confirm(`Delete the team “${team.name}”?`)) drop.mutate(team.id);
  };

  return (
    <section className="card team" aria-label={team.name}>
      {isEditing ? (
        <form onSubmit={save} className="form-grid" noValidate>
          <TextField
            label="Team name"
            error={fieldError(update.error, 'name')}
            limit={TEXT_LIMITS.name}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <TextField
            label="Description"
            error={fieldError(update.error, 'description')}
            limit={TEXT_LIMITS.description}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
          <div className="form-actions span-2">
            <button className="button primary small" type="submit" disabled={update.isPending}>
              Save
            </button>
            <button className="button ghost small" type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="card-head">
          <div>
            <h2 className="card-title">{team.name}</h2>
            {team.description ? <p className="muted">{team.description}</p> : null}
          </div>
          {canWrite ? (
            <div className="toolbar">
              <button type="button" className="button small ghost" onClick={() => setEditing(true)}>
                Edit
              </button>
              {canDelete ? <DeleteButton onClick={onDelete} isSmall /> : null}
            </div>
          ) : null}
        </div>
      )}
      <ErrorBanner
        error={update.error ?? drop.error ?? put.error ?? remove.error}
        shownFields={['name', 'description']}
      />
      {team.services.length > 0 ? (
        <p className="team-services">
          Owns:{' '}
          {team.services.map((s) => (
            <Link key={s.id} to={`/services/${s.id}`} className="chip">
              {s.name}
            </Link>
          ))}
        </p>
      ) : null}
      <ul className="members">
        {team.members.length === 0 ? <li className="muted">No members yet.</li> : null}
        {team.members.map((m) => (
          <li key={m.user.id}>
            <span className="avatar small" aria-hidden="true">
              {(m.user.name || m.user.email).charAt(0).toUpperCase()}
            </span>
            <span className="member-name">
              <span title={m.user.name || m.user.email}>{m.user.name || m.user.email}</span>
              {m.user.name ? (
                <span className="muted" title={m.user.email}>
                  {m.user.email}
                </span>
              ) : null}
            </span>
            {canWrite ? (
              <>
                <select
                  aria-label={`Role of ${m.user.name || m.user.email}`}
                  value={roles.valueOf(String(m.user.id), m.role)}
                  aria-busy={roles.isPending(String(m.user.id))}
                  onChange={(e) =>
                    roles.change(String(m.user.id), e.target.value as MemberRole, (value, settle) =>
                      put.mutate({ teamId: team.id, userId: m.user.id, role: value }, settle),
                    )
                  }
                >
                  <option value="lead">Lead</option>
                  <option value="member">Member</option>
                </select>
                <button
                  type="button"
                  className="button small ghost"
                  onClick={() => remove.mutate({ teamId: team.id, userId: m.user.id })}
                >
                  Remove
                </button>
              </>
            ) : (
              <span className={`role-tag ${m.role}`}>{m.role}</span>
            )}
          </li>
        ))}
      </ul>
      {canWrite ? (
        <form className="inline-form" onSubmit={addMember}>
          <Field label="Add member">
            {(id) => (
              <select id={id} value={userId} onChange={(e) => setUserId(e.target.value)}>
                <option value="">Choose a person…</option>
                {candidates.map((u) => (
                  <option key={u.id} value={String(u.id)}>
                    {u.name || u.email}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Team role">
            {(id) => (
              <select id={id} value={role} onChange={(e) => setRole(e.target.value as MemberRole)}>
                <option value="member">Member</option>
                <option value="lead">Lead</option>
              </select>
            )}
          </Field>
          <button type="submit" className="button small" disabled={!userId || put.isPending}>
            Add
          </button>
        </form>
      ) : null}
    </section>
  );
}
