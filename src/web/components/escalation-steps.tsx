import type { EscalationPolicy, EscalationTarget } from '../../core/schemas/oncall.js';
import '../styles/paging.css';

/** A step's target as the API returns it: type, id and display name. */
export type NamedTarget = EscalationTarget & { name: string };

const TARGET_KIND: Record<EscalationTarget['type'], string> = {
  user: 'Person',
  schedule: 'On call',
  team: 'Team',
};

/** "Person", "On call" or "Team": what a target stands for. */
export function targetKind(type: EscalationTarget['type']): string {
  return TARGET_KIND[type];
}

/** One target as a labelled chip: who gets paged. */
export function TargetChip({ target, onRemove }: { target: NamedTarget; onRemove?: () => void }) {
  return (
    <span className={`chip esc-target esc-target-${target.type}`} data-testid="escalation-target">
      <span className="esc-target-kind">{targetKind(target.type)}</span> {target.name}
      {onRemove ? (
        <button
          type="button"
          className="esc-target-remove"
          aria-label={`Remove ${target.name}`}
          onClick={onRemove}
        >
          ×
        </button>
      ) : null}
    </span>
  );
}

/** "Page at once" for step 1, else "after N min": when each step pages, counted from the start. */
function startOffsets(policy: Pick<EscalationPolicy, 'steps'>): number[] {
  let total = 0;
  return policy.steps.map((step) => {
    const at = total;
    total += step.delayMinutes;
    return at;
  });
}

/** A short sentence for how a policy repeats. */
export function repeatText(repeatCount: number): string {
  if (repeatCount === 0) return 'Runs once, then stops.';
  return `Repeats from step 1 up to ${repeatCount} more ${repeatCount === 1 ? 'time' : 'times'}, then stops.`;
}

interface Props {
  policy: Pick<EscalationPolicy, 'steps' | 'repeatCount'>;
  /** Highlight the step that pages next (an incident's running escalation). */
  nextStep?: number | null;
}

/** The steps of a policy, read-only: who each step pages and how long it waits for an ack. */
export function EscalationSteps({ policy, nextStep = null }: Props) {
  const offsets = startOffsets(policy);
  return (
    <>
      <ol className="esc-steps">
        {policy.steps.map((step, index) => (
          <li
            key={index}
            className={index === nextStep ? 'esc-step is-next' : 'esc-step'}
            data-testid="escalation-step"
          >
            <span className="esc-step-number" aria-hidden="true">
              {index + 1}
            </span>
            <div className="esc-step-body">
              <div className="esc-step-when">
                <span className="sr-only">Step {index + 1}: </span>
                {offsets[index] === 0 ? 'At once' : `After ${offsets[index]} min`}
                {index === nextStep ? <span className="esc-next-tag">next</span> : null}
              </div>
              <div className="esc-targets">
                {step.targets.map((target) => (
                  <TargetChip key={`${target.type}:${target.id}`} target={target} />
                ))}
              </div>
              <div className="esc-step-wait muted">
                {index + 1 < policy.steps.length
                  ? `No ack within ${step.delayMinutes} min → step ${index + 2}`
                  : policy.repeatCount > 0
                    ? `No ack within ${step.delayMinutes} min → step 1 again`
                    : 'Last step'}
              </div>
            </div>
          </li>
        ))}
      </ol>
      <p className="muted esc-repeat">{repeatText(policy.repeatCount)}</p>
    </>
  );
}
