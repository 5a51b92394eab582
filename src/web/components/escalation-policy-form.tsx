import { useRef, useState, type SyntheticEvent } from 'react';
import type { EscalationPolicy } from '../../core/schemas/oncall.js';
import { ApiError } from '../api/client.js';
import { useTeams, useUsers } from '../api/catalog.js';
import { errorAt, normalField, useSavePolicy, useScheduleChoices } from '../api/paging.js';
import { ErrorBanner } from './form.js';
import { EscalationStepEditor, type StepDraft, type TargetChoices } from './escalation-step-editor.js';
import { repeatText } from './escalation-steps.js';
import { TextField } from './text-field.js';
import { FormActions } from './form-actions.js';
import { numberOrNull } from './form-values.js';
import { useUnsavedEdits } from './unsaved-changes.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';

interface Props {
  policy: EscalationPolicy | null;
  onSaved: (policy: EscalationPolicy) => void;
  onCancel: () => void;
}

/** The fields this form shows next to their inputs (the banner lists the rest). */
function inlineFields(error: unknown, stepCount: number): string[] {
  if (!(error instanceof ApiError)) return [];
  return error.fields
    .map((f) => f.field)
    .filter((field) => {
      const path = normalField(field);
      if (['name', 'description', 'repeatCount', 'steps'].includes(path)) return true;
      const match = /^steps\.(\d+)\.(targets|delayMinutes)/.exec(path);
      return match !== null && Number(match[1]) < stepCount;
    });
}

/** Create or edit an escalation policy: ordered steps of targets with a wait, and repeats. */
export function EscalationPolicyForm({ policy, onSaved, onCancel }: Props) {
  const save = useSavePolicy();
  const users = useUsers();
  const teams = useTeams();
  const schedules = useScheduleChoices();
  const nextKey = useRef(0);
  const draftOf = (targets: StepDraft['targets'], delayMinutes: number): StepDraft => ({
    key: nextKey.current++,
    delayMinutes: String(delayMinutes),
    targets,
  });
  const [name, setName] = useState(policy?.name ?? '');
  const [description, setDescription] = useState(policy?.description ?? '');
  const [repeatCount, setRepeatCount] = useState(String(policy?.repeatCount ?? 0));
  const [steps, setStepDrafts] = useState<StepDraft[]>(() =>
    policy ? policy.steps.map((s) => draftOf(s.targets, s.delayMinutes)) : [draftOf([], 5)],
  );
  const unsaved = useUnsavedEdits({ name, description, repeatCount, steps });
  // The server names steps by position: once the steps change, its errors point at the wrong ones.
  const setSteps = (next: StepDraft[]) => {
    setStepDrafts(next);
    if (save.error) save.reset();
  };
  const choices: TargetChoices = {
    user: (users.data ?? []).filter((u) => !u.disabled).map((u) => ({ id: u.id, name: u.name || u.email })),
    schedule: schedules.data ?? [],
    team: (teams.data ?? []).map((t) => ({ id: t.id, name: t.name })),
  };

  const setStep = (index: number, step: StepDraft) => setSteps(steps.map((s, i) => (i === index ? step : s)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...steps];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(index + by, 0, moved);
    setSteps(next);
  };
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    // Empty numbers go as null so the server names the field instead of a silent default.
    const number = numberOrNull;
    const body = {
      name: name.trim(),
      description,
      repeatCount: number(repeatCount) as number,
      steps: steps.map((s) => ({
        delayMinutes: number(s.delayMinutes) as number,
        targets: s.targets.map(({ type, id }) => ({ type, id })),
      })),
    };
    save.mutate(
      { id: policy?.id ?? null, body },
      {
        onSuccess: (saved) => {
          unsaved.release();
          onSaved(saved);
        },
      },
    );
  };

  return (
    <form
      className="card esc-form"
      onSubmit={submit}
      noValidate
      aria-label={policy ? 'Edit escalation policy' : 'New escalation policy'}
    >
      <h2 className="card-title">{policy ? `Edit ${policy.name}` : 'New escalation policy'}</h2>
      <ErrorBanner error={save.error} shownFields={inlineFields(save.error, steps.length)} />
      <div className="form-grid">
        <TextField
          label="Policy name"
          error={errorAt(save.error, 'name')}
          limit={TEXT_LIMITS.oncallName}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <TextField
          label="Description"
          error={errorAt(save.error, 'description')}
          limit={TEXT_LIMITS.oncallDescription}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <h3>Steps</h3>
      <p className="muted">
        Step 1 pages as soon as an incident is triggered. Each later step pages when nobody has acknowledged
        in time.
      </p>
      {errorAt(save.error, 'steps', true) ? (
        <p className="field-error">{errorAt(save.error, 'steps', true)}</p>
      ) : null}
      <ol className="esc-edit-steps">
        {steps.map((step, index) => (
          <EscalationStepEditor
            key={step.key}
            step={step}
            index={index}
            count={steps.length}
            choices={choices}
            errors={{
              targets: errorAt(save.error, `steps.${index}.targets`),
              delayMinutes: errorAt(save.error, `steps.${index}.delayMinutes`),
            }}
            onChange={(s) => setStep(index, s)}
            onMove={(by) => move(index, by)}
            onRemove={() => setSteps(steps.filter((_, i) => i !== index))}
          />
        ))}
      </ol>
      <button
        type="button"
        className="button small"
        disabled={steps.length >= 20}
        onClick={() => setSteps([...steps, draftOf([], Number(steps.at(-1)?.delayMinutes) || 5)])}
      >
        Add step
      </button>
      <TextField
        label="Repeat (times)"
        className="esc-repeat-field"
        error={errorAt(save.error, 'repeatCount')}
        hint={`0 – 9. ${repeatText(Number(repeatCount) || 0)}`}
        type="number"
        inputMode="numeric"
        min={0}
        max={9}
        value={repeatCount}
        onChange={(e) => setRepeatCount(e.target.value)}
      />
      <FormActions
        submitLabel={policy ? 'Save policy' : 'Create policy'}
        isPending={save.isPending}
        onCancel={onCancel}
      />
    </form>
  );
}
