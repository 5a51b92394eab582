import { useState, type SyntheticEvent } from 'react';
import { SEVERITIES } from '../../core/priority.js';
import { RESPONSE_ROLES, type ResponsePlan, type ResponseRole } from '../../core/schemas/response.js';
import { useServices, useSettings } from '../api/catalog.js';
import { useSavePlan } from '../api/response.js';
import { ErrorBanner, Field, fieldError } from './form.js';
import { ROLE_LABELS } from './response-labels.js';
import { TextAreaField, TextField } from './text-field.js';
import { FormActions } from './form-actions.js';
import { CheckList } from './check-list.js';
import { numberOrNull } from './form-values.js';
import { useUnsavedEdits } from './unsaved-changes.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';

interface TaskDraft {
  title: string;
  role: ResponseRole | '';
  dueMinutes: string;
}

const emptyTask: TaskDraft = { title: '', role: '', dueMinutes: '' };

interface Props {
  plan: ResponsePlan | null;
  onDone: () => void;
}

/** Create or edit a response plan: its checklist and when it attaches itself. */
export function PlanForm({ plan, onDone }: Props) {
  const save = useSavePlan();
  const services = useServices();
  const settings = useSettings();
  const [name, setName] = useState(plan?.name ?? '');
  const [description, setDescription] = useState(plan?.description ?? '');
  const [tasks, setTasks] = useState<TaskDraft[]>(
    plan?.tasks.map((t) => ({
      title: t.title,
      role: t.role ?? '',
      dueMinutes: t.dueMinutes?.toString() ?? '',
    })) ?? [emptyTask],
  );
  const [severities, setSeverities] = useState<string[]>(plan?.match.severities ?? []);
  const [categories, setCategories] = useState<string[]>(plan?.match.categories ?? []);
  const [serviceIds, setServiceIds] = useState<number[]>(plan?.match.serviceIds ?? []);
  useUnsavedEdits({ name, description, tasks, severities, categories, serviceIds });

  const setTask = (index: number, patch: Partial<TaskDraft>) =>
    setTasks(tasks.map((t, i) => (i === index ? { ...t, ...patch } : t)));
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const body = {
      name: name.trim(),
      description,
      tasks: tasks
        .filter((t) => t.title.trim() !== '')
        .map((t) => ({
          title: t.title.trim(),
          role: t.role === '' ? null : t.role,
          dueMinutes: numberOrNull(t.dueMinutes),
        })),
      match: { severities: severities as ResponsePlan['match']['severities'], categories, serviceIds },
    };
    save.mutate({ id: plan?.id ?? null, body }, { onSuccess: onDone });
  };

  return (
    <form className="card" onSubmit={submit} noValidate aria-label={plan ? 'Edit plan' : 'New plan'}>
      <h2 className="card-title">{plan ? `Edit ${plan.name}` : 'New response plan'}</h2>
      <ErrorBanner error={save.error} shownFields={['name', 'description']} />
      <TextField
        label="Plan name"
        error={fieldError(save.error, 'name')}
        limit={TEXT_LIMITS.name}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <TextAreaField
        label="Description"
        error={fieldError(save.error, 'description')}
        rows={2}
        limit={TEXT_LIMITS.description}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <h3>Tasks</h3>
      {tasks.map((task, index) => (
        <div className="plan-task-row" key={index}>
          <TextField
            label={`Task ${index + 1}`}
            className="plan-task-title"
            limit={TEXT_LIMITS.taskTitle}
            value={task.title}
            onChange={(e) => setTask(index, { title: e.target.value })}
          />
          <Field label="For role">
            {(id) => (
              <select
                id={id}
                value={task.role}
                onChange={(e) => setTask(index, { role: e.target.value as ResponseRole | '' })}
              >
                <option value="">Anyone</option>
                {RESPONSE_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Due (min)">
            {(id) => (
              <input
                id={id}
                inputMode="numeric"
                value={task.dueMinutes}
                onChange={(e) => setTask(index, { dueMinutes: e.target.value })}
              />
            )}
          </Field>
          <button
            type="button"
            className="button small ghost"
            aria-label={`Remove task ${index + 1}`}
            onClick={() => setTasks(tasks.filter((_, i) => i !== index))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" className="button small" onClick={() => setTasks([...tasks, emptyTask])}>
        Add task
      </button>
      <h3>Attach automatically when</h3>
      <p className="muted">Every rule you fill in must match. Leave all empty to attach by hand only.</p>
      <CheckList
        variant="inline"
        legend="Severity is"
        options={SEVERITIES.map((s) => ({ value: s, label: s }))}
        selected={severities}
        onChange={setSeverities}
      />
      <CheckList
        variant="inline"
        legend="Category is"
        options={(settings.data?.categories ?? []).map((c) => ({ value: c, label: c }))}
        selected={categories}
        onChange={setCategories}
      />
      <CheckList
        variant="inline"
        legend="Service is"
        options={(services.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        selected={serviceIds}
        onChange={setServiceIds}
        empty="No services in the catalog yet."
      />
      <FormActions
        submitLabel={plan ? 'Save plan' : 'Create plan'}
        isPending={save.isPending}
        onCancel={onDone}
      />
    </form>
  );
}
