import type { EscalationTarget } from '../../core/schemas/oncall.js';
import { type NamedTarget, TargetChip } from './escalation-steps.js';

/** A step being edited; `key` keeps React's identity when steps move. */
export interface StepDraft {
  key: number;
  delayMinutes: string;
  targets: NamedTarget[];
}

/** Everything a step can page, grouped by kind, for the "Add" picker. */
export interface TargetChoices {
  user: { id: number; name: string }[];
  schedule: { id: number; name: string }[];
  team: { id: number; name: string }[];
}

const GROUPS: [EscalationTarget['type'], string][] = [
  ['user', 'People'],
  ['schedule', 'Whoever is on call on'],
  ['team', 'Every member of'],
];

interface Props {
  step: StepDraft;
  index: number;
  count: number;
  choices: TargetChoices;
  errors: { targets?: string | undefined; delayMinutes?: string | undefined };
  onChange: (step: StepDraft) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/** One step of the policy editor: its targets, its wait, and moving or removing it. */
export function EscalationStepEditor({
  step,
  index,
  count,
  choices,
  errors,
  onChange,
  onMove,
  onRemove,
}: Props) {
  const n = index + 1;
  const picked = new Set(step.targets.map((t) => `${t.type}:${t.id}`));
  const add = (value: string) => {
    const [type, id] = value.split(':') as [EscalationTarget['type'], string];
    const choice = choices[type].find((c) => String(c.id) === id);
    if (choice) onChange({ ...step, targets: [...step.targets, { type, id: choice.id, name: choice.name }] });
  };
  const targetsId = `step-${step.key}-targets`;
  const delayId = `step-${step.key}-delay`;

  return (
    <li className="esc-edit-step" data-testid="step-editor" aria-label={`Step ${n}`}>
      <div className="esc-edit-head">
        <h3>Step {n}</h3>
        <div className="button-group">
          <button
            type="button"
            className="button small ghost"
            aria-label={`Move step ${n} up`}
            disabled={index === 0}
            onClick={() => onMove(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="button small ghost"
            aria-label={`Move step ${n} down`}
            disabled={index === count - 1}
            onClick={() => onMove(1)}
          >
            ↓
          </button>
          <button
            type="button"
            className="button small ghost danger-outline"
            aria-label={`Remove step ${n}`}
            disabled={count === 1}
            onClick={onRemove}
          >
            Remove
          </button>
        </div>
      </div>
      <div className={errors.targets ? 'field has-error' : 'field'}>
        <span className="label-text" id={`${targetsId}-label`}>
          Notify
        </span>
        <div className="esc-targets" aria-labelledby={`${targetsId}-label`}>
          {step.targets.length === 0 ? <span className="muted">Nobody yet — add someone below.</span> : null}
          {step.targets.map((target) => (
            <TargetChip
              key={`${target.type}:${target.id}`}
              target={target}
              onRemove={() => onChange({ ...step, targets: step.targets.filter((t) => t !== target) })}
            />
          ))}
        </div>
        <select
          id={targetsId}
          aria-label={`Add to step ${n}`}
          aria-describedby={errors.targets ? `${targetsId}-error` : undefined}
          value=""
          onChange={(e) => add(e.target.value)}
        >
          <option value="">Add a person, schedule or team…</option>
          {GROUPS.map(([type, label]) =>
            choices[type].length > 0 ? (
              <optgroup key={type} label={label}>
                {choices[type].map((c) => (
                  <option key={c.id} value={`${type}:${c.id}`} disabled={picked.has(`${type}:${c.id}`)}>
                    {c.name}
                  </option>
                ))}
              </optgroup>
            ) : null,
          )}
        </select>
        {errors.targets ? (
          <p className="field-error" id={`${targetsId}-error`}>
            {errors.targets}
          </p>
        ) : null}
      </div>
      <div className={errors.delayMinutes ? 'field esc-delay has-error' : 'field esc-delay'}>
        <label htmlFor={delayId}>Escalate after (minutes)</label>
        <input
          id={delayId}
          type="number"
          inputMode="numeric"
          min={1}
          max={1440}
          value={step.delayMinutes}
          aria-describedby={`${delayId}-note`}
          onChange={(e) => onChange({ ...step, delayMinutes: e.target.value })}
        />
        <p className={errors.delayMinutes ? 'field-error' : 'field-hint'} id={`${delayId}-note`}>
          {errors.delayMinutes ??
            (n < count
              ? `If nobody acknowledges, step ${n + 1} pages this many minutes later.`
              : 'Wait before the policy repeats (or ends).')}
        </p>
      </div>
    </li>
  );
}
