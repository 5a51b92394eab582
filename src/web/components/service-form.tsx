import { TEXT_LIMITS } from '../../core/text/limits.js';
import { useState, type SyntheticEvent } from 'react';
import type { Service, ServiceBody } from '../../core/schemas/catalog.js';
import { useServices, useTeams } from '../api/catalog.js';
import { CheckList } from './check-list.js';
import { ErrorBanner, Field, fieldError } from './form.js';
import { TextAreaField, TextField } from './text-field.js';
import { FormActions } from './form-actions.js';
import { useUnsavedEdits } from './unsaved-changes.js';

interface Props {
  service?: Service;
  submitLabel: string;
  isPending: boolean;
  error: unknown;
  onSubmit: (body: ServiceBody) => void;
  onCancel?: () => void;
}

/** Create or edit a service: name, description, tier, owner team, dependencies. */
export function ServiceForm({ service, submitLabel, isPending, error, onSubmit, onCancel }: Props) {
  const teams = useTeams();
  const services = useServices();
  const [name, setName] = useState(service?.name ?? '');
  const [description, setDescription] = useState(service?.description ?? '');
  const [tier, setTier] = useState(service?.tier ? String(service.tier) : '');
  const [ownerTeamId, setOwner] = useState(service?.ownerTeam ? String(service.ownerTeam.id) : '');
  const [dependsOn, setDependsOn] = useState((service?.dependsOn ?? []).map((d) => String(d.id)));
  useUnsavedEdits({ name, description, tier, ownerTeamId, dependsOn });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    onSubmit({
      name: name.trim(),
      description,
      tier: tier ? Number(tier) : null,
      ownerTeamId: ownerTeamId ? Number(ownerTeamId) : null,
      dependsOnIds: dependsOn.map(Number),
    });
  };
  const others = (services.data ?? []).filter((s) => s.id !== service?.id);

  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={submitLabel}>
      <div className="span-2">
        <ErrorBanner
          error={error}
          shownFields={['name', 'description', 'tier', 'ownerTeamId', 'dependsOnIds']}
        />
      </div>
      <TextField
        label="Name"
        error={fieldError(error, 'name')}
        required
        limit={TEXT_LIMITS.name}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <Field label="Tier" error={fieldError(error, 'tier')} hint="Tier 1 is the most critical.">
        {(id, d) => (
          <select id={id} aria-describedby={d} value={tier} onChange={(e) => setTier(e.target.value)}>
            <option value="">No tier</option>
            {[1, 2, 3, 4].map((t) => (
              <option key={t} value={String(t)}>
                Tier {t}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextAreaField
        label="Description"
        className="span-2"
        error={fieldError(error, 'description')}
        rows={2}
        limit={TEXT_LIMITS.description}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <Field label="Owner team" error={fieldError(error, 'ownerTeamId')}>
        {(id) => (
          <select id={id} value={ownerTeamId} onChange={(e) => setOwner(e.target.value)}>
            <option value="">No owner</option>
            {(teams.data ?? []).map((t) => (
              <option key={t.id} value={String(t.id)}>
                {t.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="span-2">
        <CheckList
          legend="Depends on"
          options={others.map((s) => ({ value: String(s.id), label: s.name }))}
          selected={dependsOn}
          onChange={setDependsOn}
          empty="No other services yet."
        />
      </div>
      <FormActions
        submitLabel={submitLabel}
        pendingLabel="Saving…"
        isPending={isPending}
        onCancel={onCancel}
        className="span-2"
      />
    </form>
  );
}
