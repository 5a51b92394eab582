import { useState, type SyntheticEvent } from 'react';
import {
  COMPONENT_STATUS_MODES,
  type ComponentGroup,
  type ComponentStatusMode,
  type StatusComponent,
  type StatusComponentPatch,
} from '../../core/schemas/status-page.js';
import { COMPONENT_STATUSES, type ComponentStatus } from '../../core/status/snapshot.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';
import { useServices } from '../api/catalog.js';
import { Checkbox, CheckList } from './check-list.js';
import { ErrorBanner, Field, fieldError } from './form.js';
import { FormActions } from './form-actions.js';
import { COMPONENT_STATUS_LABELS } from './status-page-labels.js';
import { TextAreaField, TextField } from './text-field.js';
import { useUnsavedEdits } from './unsaved-changes.js';

/** What the form sends: every field, so one shape serves create and change. */
export type ComponentValues = Required<Omit<StatusComponentPatch, 'position'>> & { name: string };

const MODE_LABELS: Record<ComponentStatusMode, string> = {
  derived: 'Derived from its services',
  manual: 'Set by hand',
};

interface Props {
  component?: StatusComponent;
  groups: ComponentGroup[];
  error: unknown;
  isPending: boolean;
  submitLabel: string;
  onSubmit: (values: ComponentValues) => void;
  onCancel: () => void;
}

/** A component's name, group, backing services and how its status is decided. */
export function StatusComponentForm({
  component,
  groups,
  error,
  isPending,
  submitLabel,
  onSubmit,
  onCancel,
}: Props) {
  const services = useServices();
  const [name, setName] = useState(component?.name ?? '');
  const [description, setDescription] = useState(component?.description ?? '');
  const [groupId, setGroupId] = useState(component?.groupId ?? null);
  const [serviceIds, setServiceIds] = useState(component?.serviceIds ?? []);
  const [statusMode, setStatusMode] = useState<ComponentStatusMode>(component?.statusMode ?? 'derived');
  const [manualStatus, setManualStatus] = useState<ComponentStatus | null>(component?.manualStatus ?? null);
  const [showUptime, setShowUptime] = useState(component?.showUptime ?? true);
  const values = { name, description, groupId, serviceIds, statusMode, manualStatus, showUptime };
  useUnsavedEdits(values);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const trimmed = description.trim();
    const status = statusMode === 'manual' ? (manualStatus ?? 'operational') : manualStatus;
    onSubmit({ ...values, name: name.trim(), description: trimmed || null, manualStatus: status });
  };
  const field = (name: string) => fieldError(error, name);
  return (
    <form className="sp-component-form" onSubmit={submit} noValidate aria-label={submitLabel}>
      <ErrorBanner
        error={error}
        shownFields={['name', 'description', 'groupId', 'serviceIds', 'statusMode', 'manualStatus']}
      />
      <div className="form-grid">
        <TextField
          label="Component name"
          error={field('name')}
          limit={TEXT_LIMITS.name}
          placeholder="e.g. Checkout"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <Field label="Group" error={field('groupId')}>
          {(id) => (
            <select
              id={id}
              value={groupId === null ? '' : String(groupId)}
              onChange={(e) => setGroupId(e.target.value === '' ? null : Number(e.target.value))}
            >
              <option value="">No group</option>
              {groups.map((g) => (
                <option key={g.id} value={String(g.id)}>
                  {g.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <TextAreaField
        label="Description"
        error={field('description')}
        hint="Shown to customers beside the name."
        rows={2}
        limit={TEXT_LIMITS.description}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <CheckList
        legend="Backed by services"
        options={(services.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        selected={serviceIds}
        onChange={setServiceIds}
        empty="No services yet"
        error={field('serviceIds')}
      />
      <div className="form-grid">
        <Field
          label="Status"
          error={field('statusMode')}
          hint={
            statusMode === 'derived'
              ? 'Follows the open public incidents and failing checks of its services.'
              : 'Only a person changes it, here or in a public update.'
          }
        >
          {(id, describedBy) => (
            <select
              id={id}
              aria-describedby={describedBy}
              value={statusMode}
              onChange={(e) => setStatusMode(e.target.value as ComponentStatusMode)}
            >
              {COMPONENT_STATUS_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {MODE_LABELS[mode]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={statusMode === 'manual' ? 'Manual status' : 'Status at least'}
          error={field('manualStatus')}
          hint={statusMode === 'manual' ? undefined : 'A floor the derived status never goes below.'}
        >
          {(id, describedBy) => (
            <select
              id={id}
              aria-describedby={describedBy}
              value={manualStatus ?? ''}
              onChange={(e) =>
                setManualStatus(e.target.value === '' ? null : (e.target.value as ComponentStatus))
              }
            >
              {statusMode === 'derived' ? <option value="">No floor</option> : null}
              {COMPONENT_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {COMPONENT_STATUS_LABELS[status]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Checkbox checked={showUptime} onChange={setShowUptime}>
        Show its 90-day uptime bar
      </Checkbox>
      <FormActions
        submitLabel={submitLabel}
        pendingLabel="Saving…"
        isPending={isPending}
        onCancel={onCancel}
      />
    </form>
  );
}
