import { useState, type SyntheticEvent } from 'react';
import type { IncidentTask } from '../../core/schemas/response.js';
import {
  useAddTask,
  useAttachPlan,
  useAttachedPlans,
  usePlans,
  useRemoveTask,
  useTasks,
  useUpdateTask,
} from '../api/response.js';
import { ErrorBanner, fieldError } from './form.js';
import { formatShortTime, formatTime } from './format.js';
import { usePendingValues } from './optimistic.js';
import { ROLE_LABELS } from './response-labels.js';
import '../styles/response.css';
import { useUnsavedChanges } from './unsaved-changes.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';
import { TextField } from './text-field.js';

interface Props {
  incidentRef: string;
  canWrite: boolean;
}

/** The incident's checklist: tick tasks off, add one, or attach a response plan. */
export function IncidentTasks({ incidentRef, canWrite }: Props) {
  const tasks = useTasks(incidentRef);
  const update = useUpdateTask(incidentRef);
  const remove = useRemoveTask(incidentRef);
  const ticks = usePendingValues<boolean>();
  const items = tasks.data ?? [];
  const isDoneNow = (t: IncidentTask) => ticks.valueOf(String(t.id), t.doneAt !== null);
  const open = items.filter((t) => !isDoneNow(t)).length;
  const now = Date.now();

  return (
    <section className="card response-tasks" aria-label="Tasks">
      <div className="card-head">
        <h2 className="card-title">Tasks</h2>
        {items.length > 0 ? (
          <span className="muted">
            {items.length - open} of {items.length} done
          </span>
        ) : null}
      </div>
      <ErrorBanner error={tasks.error ?? update.error ?? remove.error} />
      {tasks.isSuccess && items.length === 0 ? <p className="muted">No tasks yet.</p> : null}
      <ul className="task-list">
        {items.map((task) => (
          <TaskItem
            key={task.id}
            task={task}
            isDone={isDoneNow(task)}
            now={now}
            canWrite={canWrite}
            isBusy={remove.isPending}
            onDone={(done) =>
              ticks.change(String(task.id), done, (value, settle) =>
                update.mutate({ id: task.id, body: { done: value } }, settle),
              )
            }
            onRemove={() => remove.mutate(task.id)}
          />
        ))}
      </ul>
      {canWrite ? (
        <div className="task-tools">
          <AddTaskForm incidentRef={incidentRef} />
          <AttachPlanForm incidentRef={incidentRef} />
        </div>
      ) : null}
    </section>
  );
}

interface ItemProps {
  task: IncidentTask;
  /** Ticked: the server's state, or the user's tick while it is being saved. */
  isDone: boolean;
  now: number;
  canWrite: boolean;
  isBusy: boolean;
  onDone: (done: boolean) => void;
  onRemove: () => void;
}

function TaskItem({ task, isDone, now, canWrite, isBusy, onDone, onRemove }: ItemProps) {
  const isOverdue = !isDone && task.dueAt !== null && Date.parse(task.dueAt) < now;
  const id = `task-${task.id}`;
  return (
    <li className={`task${isDone ? ' done' : ''}${isOverdue ? ' overdue' : ''}`} data-testid="task">
      <input
        type="checkbox"
        id={id}
        checked={isDone}
        disabled={!canWrite || isBusy}
        onChange={(e) => onDone(e.target.checked)}
      />
      <div className="task-main">
        <label htmlFor={id} className="task-title">
          {task.title}
        </label>
        <div className="task-meta meta-line">
          {task.role ? <span className="chip">{ROLE_LABELS[task.role]}</span> : null}
          <span>{task.owner ? task.owner.name || task.owner.email : 'Unowned'}</span>
          {task.dueAt ? (
            <span className="task-due" title={formatTime(task.dueAt)}>
              {isOverdue ? 'Overdue · ' : 'Due '}
              {formatShortTime(task.dueAt)}
            </span>
          ) : null}
          {isDone && task.doneAt !== null ? (
            <span title={formatTime(task.doneAt)}>
              Done{task.doneBy ? ` by ${task.doneBy.name || task.doneBy.email}` : ''}
            </span>
          ) : null}
        </div>
      </div>
      {canWrite ? (
        <button
          type="button"
          className="button small ghost"
          aria-label={`Remove task ${task.title}`}
          disabled={isBusy}
          onClick={onRemove}
        >
          ×
        </button>
      ) : null}
    </li>
  );
}

function AddTaskForm({ incidentRef }: { incidentRef: string }) {
  const add = useAddTask(incidentRef);
  const [title, setTitle] = useState('');
  useUnsavedChanges(title.trim() !== '');
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    add.mutate({ title: title.trim() }, { onSuccess: () => setTitle('') });
  };
  const error = fieldError(add.error, 'title');
  return (
    <form className="task-add" onSubmit={submit} noValidate aria-label="Add task">
      <TextField
        label="New task"
        className="task-add-title"
        error={error ? `Title ${error}` : undefined}
        limit={TEXT_LIMITS.taskTitle}
        placeholder="Add a task…"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <button type="submit" className="button small" disabled={add.isPending || !title.trim()}>
        Add
      </button>
    </form>
  );
}

function AttachPlanForm({ incidentRef }: { incidentRef: string }) {
  const plans = usePlans();
  const attached = useAttachedPlans(incidentRef);
  const attach = useAttachPlan(incidentRef);
  const [planId, setPlanId] = useState('');
  const taken = new Set((attached.data ?? []).map((p) => p.id));
  const available = (plans.data ?? []).filter((p) => !taken.has(p.id));
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (planId) attach.mutate(Number(planId), { onSuccess: () => setPlanId('') });
  };
  return (
    <form className="task-add" onSubmit={submit} aria-label="Attach plan">
      <select aria-label="Response plan" value={planId} onChange={(e) => setPlanId(e.target.value)}>
        <option value="">{available.length === 0 ? 'No plans to attach' : 'Attach a plan…'}</option>
        {available.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({p.tasks.length} tasks)
          </option>
        ))}
      </select>
      <button type="submit" className="button small" disabled={!planId || attach.isPending}>
        Attach
      </button>
      {attach.error ? <ErrorBanner error={attach.error} /> : null}
      {(attached.data ?? []).length > 0 ? (
        <p className="muted attached-plans">Plans: {(attached.data ?? []).map((p) => p.name).join(', ')}</p>
      ) : null}
    </form>
  );
}
