import { useState, type SyntheticEvent } from 'react';
import { createTeam, useTeams, useWrite } from '../api/catalog.js';
import { useCurrentUser } from '../api/session.js';
import { ErrorBanner, Loading, fieldError } from '../components/form.js';
import { TeamCard } from '../components/team-card.js';
import { TextField } from '../components/text-field.js';
import { FormActions } from '../components/form-actions.js';
import { useUnsavedChanges } from '../components/unsaved-changes.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';

/** Teams and their members. */
export function TeamsPage() {
  const teams = useTeams();
  const { canWrite, isAdmin } = useCurrentUser();
  const create = useWrite(createTeam, ['teams']);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [isCreating, setCreating] = useState(false);
  useUnsavedChanges(isCreating && (name.trim() !== '' || description.trim() !== ''));

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), description },
      {
        onSuccess: () => {
          setName('');
          setDescription('');
          setCreating(false);
        },
      },
    );
  };

  return (
    <>
      <div className="page-head">
        <h1>Teams</h1>
        {canWrite && !isCreating ? (
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            New team
          </button>
        ) : null}
      </div>
      {isCreating ? (
        <form className="card form-grid" onSubmit={submit} noValidate aria-label="New team">
          <div className="span-2">
            <ErrorBanner error={create.error} shownFields={['name', 'description']} />
          </div>
          <TextField
            label="Team name"
            error={fieldError(create.error, 'name')}
            limit={TEXT_LIMITS.name}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <TextField
            label="Description"
            error={fieldError(create.error, 'description')}
            limit={TEXT_LIMITS.description}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
          <FormActions
            submitLabel="Create team"
            isPending={create.isPending}
            onCancel={() => setCreating(false)}
            className="span-2"
          />
        </form>
      ) : null}
      <ErrorBanner error={teams.error} />
      {teams.isPending ? <Loading what="Loading teams" /> : null}
      {teams.data?.length === 0 ? <div className="empty">No teams yet.</div> : null}
      <div className="card-grid">
        {(teams.data ?? []).map((team) => (
          <TeamCard key={team.id} team={team} canWrite={canWrite} canDelete={isAdmin} />
        ))}
      </div>
    </>
  );
}
