import { useState, type SyntheticEvent } from 'react';
import { LEVELS, SEVERITIES } from '../../core/priority.js';
import {
  TRIAGE_FIELDS,
  TRIAGE_MODES,
  TRIAGE_OPERATORS,
  type TriageActions,
  type TriageCondition,
  type TriageRuleSet,
} from '../../core/schemas/triage.js';
import { useServices, useSettings } from '../api/catalog.js';
import { usePolicies } from '../api/paging.js';
import { usePlans } from '../api/response.js';
import { type TriageRuleSetDraft, useSaveTriageRuleSet, useTriageDryRun } from '../api/triage.js';
import { ErrorBanner } from './form.js';
import { TriageDryRunTable } from './triage-dry-run-table.js';
import { useUnsavedEdits } from './unsaved-changes.js';

/** A rule while it is edited (its id kept so the server keeps it). */
export interface RuleDraft {
  id?: number;
  name: string;
  isEnabled: boolean;
  conditions: TriageCondition[];
  actions: TriageActions;
}

const FIELD_LABELS: Record<TriageCondition['field'], string> = {
  label: 'Label',
  annotation: 'Annotation',
  source: 'Source',
  service: 'Service',
  severity: 'Alert severity',
  summary: 'Summary',
  report_text: 'Report text',
};
const OP_LABELS: Record<TriageCondition['op'], string> = {
  equals: 'equals',
  not_equals: 'does not equal',
  contains: 'contains',
  regex: 'matches regex',
  exists: 'exists',
};
const NO_ACTIONS: TriageActions = {
  severity: null,
  impact: null,
  urgency: null,
  category: null,
  responsePlanId: null,
  escalationPolicyId: null,
  tags: [],
  suppress: false,
};

/** Move item `index` of a list by `by` places (a no-op at either end). */
export function moved<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  if (target < 0 || target >= list.length) return [...list];
  const copy = [...list];
  const [item] = copy.splice(index, 1);
  if (item !== undefined) copy.splice(target, 0, item);
  return copy;
}

interface Props {
  ruleSet: TriageRuleSet | null;
  onDone: () => void;
}

/** Edit a rule set: scope, mode, ordered rules with their conditions and actions; dry-run it. */
export function TriageRuleSetEditor({ ruleSet, onDone }: Props) {
  const save = useSaveTriageRuleSet();
  const dryRun = useTriageDryRun();
  const services = useServices();
  const [name, setName] = useState(ruleSet?.name ?? '');
  const [serviceId, setServiceId] = useState<number | null>(ruleSet?.service?.id ?? null);
  const [mode, setMode] = useState<TriageRuleSet['mode']>(ruleSet?.mode ?? 'first_match');
  const [isEnabled, setIsEnabled] = useState(ruleSet?.isEnabled ?? true);
  const [rules, setRules] = useState<RuleDraft[]>(ruleSet?.rules ?? []);
  const { release } = useUnsavedEdits({ name, serviceId, mode, isEnabled, rules });

  const draft = (): TriageRuleSetDraft => ({
    name: name.trim(),
    description: ruleSet?.description ?? '',
    serviceId,
    mode,
    isEnabled,
    rules,
  });
  const setRule = (index: number, rule: RuleDraft) => setRules(rules.map((r, i) => (i === index ? rule : r)));
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const body = ruleSet ? { ...draft(), version: ruleSet.version } : draft();
    save.mutate(
      { id: ruleSet?.id ?? null, body },
      {
        onSuccess: () => {
          release();
          onDone();
        },
      },
    );
  };

  return (
    <form className="card triage-editor" onSubmit={submit} aria-label="Triage rule set">
      <h2 className="card-title">
        {ruleSet ? `Edit ${ruleSet.name} (v${String(ruleSet.version)})` : 'New rule set'}
      </h2>
      <div className="triage-set-fields">
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <label>
          Applies to
          <select
            value={serviceId ?? ''}
            onChange={(e) => setServiceId(e.target.value === '' ? null : Number(e.target.value))}
          >
            <option value="">Every service</option>
            {(services.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Mode
          <select value={mode} onChange={(e) => setMode(e.target.value as TriageRuleSet['mode'])}>
            {TRIAGE_MODES.map((m) => (
              <option key={m} value={m}>
                {m === 'first_match' ? 'First matching rule' : 'Every matching rule'}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={isEnabled} onChange={(e) => setIsEnabled(e.target.checked)} />
          Enabled
        </label>
      </div>
      <ol className="triage-rules">
        {rules.map((rule, index) => (
          <li key={rule.id ?? `new-${String(index)}`}>
            <RuleEditor
              index={index}
              rule={rule}
              onChange={(next) => setRule(index, next)}
              onMove={(by) => setRules(moved(rules, index, by))}
              onRemove={() => setRules(rules.filter((_, i) => i !== index))}
            />
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button small"
        onClick={() =>
          setRules([
            ...rules,
            {
              name: `Rule ${String(rules.length + 1)}`,
              isEnabled: true,
              conditions: [],
              actions: NO_ACTIONS,
            },
          ])
        }
      >
        Add rule
      </button>
      <ErrorBanner error={save.error ?? dryRun.error} />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save rule set'}
        </button>
        <button
          type="button"
          className="button"
          disabled={dryRun.isPending}
          onClick={() =>
            dryRun.mutate({ ruleSet: { ...draft(), ...(ruleSet ? { id: ruleSet.id } : {}) }, limit: 50 })
          }
        >
          {dryRun.isPending ? 'Running…' : 'Dry run'}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            release();
            onDone();
          }}
        >
          Cancel
        </button>
      </div>
      {dryRun.data ? <TriageDryRunTable result={dryRun.data} /> : null}
    </form>
  );
}

interface RuleProps {
  index: number;
  rule: RuleDraft;
  onChange: (rule: RuleDraft) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

function RuleEditor({ index, rule, onChange, onMove, onRemove }: RuleProps) {
  const setCondition = (i: number, patch: Partial<TriageCondition>) =>
    onChange({ ...rule, conditions: rule.conditions.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  return (
    <section className="triage-rule" aria-label={`Rule ${String(index + 1)}`}>
      <div className="triage-rule-head">
        <label>
          Rule name
          <input value={rule.name} onChange={(e) => onChange({ ...rule, name: e.target.value })} />
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={rule.isEnabled}
            onChange={(e) => onChange({ ...rule, isEnabled: e.target.checked })}
          />
          On
        </label>
        <div className="button-group">
          <button type="button" className="button small" aria-label="Move rule up" onClick={() => onMove(-1)}>
            ↑
          </button>
          <button
            type="button"
            className="button small"
            aria-label="Move rule down"
            onClick={() => onMove(1)}
          >
            ↓
          </button>
          <button type="button" className="button small danger" onClick={onRemove}>
            Remove
          </button>
        </div>
      </div>
      <h3>When {rule.conditions.length === 0 ? 'always' : 'all of these hold'}</h3>
      {rule.conditions.map((condition, i) => (
        <ConditionRow
          key={i}
          condition={condition}
          onChange={(patch) => setCondition(i, patch)}
          onRemove={() => onChange({ ...rule, conditions: rule.conditions.filter((_, j) => j !== i) })}
        />
      ))}
      <button
        type="button"
        className="button small"
        onClick={() =>
          onChange({
            ...rule,
            conditions: [...rule.conditions, { field: 'label', name: '', op: 'equals', value: '' }],
          })
        }
      >
        Add condition
      </button>
      <h3>Then</h3>
      <ActionsEditor actions={rule.actions} onChange={(actions) => onChange({ ...rule, actions })} />
    </section>
  );
}

function ConditionRow(props: {
  condition: TriageCondition;
  onChange: (patch: Partial<TriageCondition>) => void;
  onRemove: () => void;
}) {
  const { condition, onChange, onRemove } = props;
  const services = useServices();
  const isNamed = condition.field === 'label' || condition.field === 'annotation';
  return (
    <div className="triage-condition">
      <select
        aria-label="Field"
        value={condition.field}
        onChange={(e) => onChange({ field: e.target.value as TriageCondition['field'] })}
      >
        {TRIAGE_FIELDS.map((f) => (
          <option key={f} value={f}>
            {FIELD_LABELS[f]}
          </option>
        ))}
      </select>
      {isNamed ? (
        <input
          aria-label="Name"
          placeholder="name"
          value={condition.name}
          onChange={(e) => onChange({ name: e.target.value })}
        />
      ) : null}
      <select
        aria-label="Operator"
        value={condition.op}
        onChange={(e) => onChange({ op: e.target.value as TriageCondition['op'] })}
      >
        {TRIAGE_OPERATORS.map((op) => (
          <option key={op} value={op}>
            {OP_LABELS[op]}
          </option>
        ))}
      </select>
      {condition.op === 'exists' ? null : condition.field === 'service' ? (
        <select
          aria-label="Value"
          value={condition.value}
          onChange={(e) => onChange({ value: e.target.value })}
        >
          <option value="">Choose a service</option>
          {(services.data ?? []).map((s) => (
            <option key={s.id} value={String(s.id)}>
              {s.name}
            </option>
          ))}
        </select>
      ) : (
        <input
          aria-label="Value"
          placeholder="value"
          value={condition.value}
          onChange={(e) => onChange({ value: e.target.value })}
        />
      )}
      <button type="button" className="button small" aria-label="Remove condition" onClick={onRemove}>
        ✕
      </button>
    </div>
  );
}

function ActionsEditor({
  actions,
  onChange,
}: {
  actions: TriageActions;
  onChange: (a: TriageActions) => void;
}) {
  const settings = useSettings();
  const plans = usePlans();
  const policies = usePolicies();
  const choice = (
    key: 'severity' | 'impact' | 'urgency' | 'category' | 'responsePlanId' | 'escalationPolicyId',
    label: string,
    options: readonly (readonly [string, string])[],
  ) => (
    <label>
      {label}
      <select
        value={actions[key] === null ? '' : String(actions[key])}
        onChange={(e) => {
          const raw = e.target.value;
          const isId = key === 'responsePlanId' || key === 'escalationPolicyId';
          onChange({ ...actions, [key]: raw === '' ? null : isId ? Number(raw) : raw });
        }}
      >
        <option value="">Leave as is</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
  const pairs = (values: readonly string[]) => values.map((v) => [v, v] as const);
  return (
    <div className="triage-actions">
      {choice('severity', 'Severity', pairs(SEVERITIES))}
      {choice('impact', 'Impact', pairs(LEVELS))}
      {choice('urgency', 'Urgency', pairs(LEVELS))}
      {choice('category', 'Category', pairs(settings.data?.categories ?? []))}
      {choice(
        'responsePlanId',
        'Response plan',
        (plans.data ?? []).map((p) => [String(p.id), p.name] as const),
      )}
      {choice(
        'escalationPolicyId',
        'Escalation policy',
        (policies.data ?? []).map((p) => [String(p.id), p.name] as const),
      )}
      <label>
        Add tags
        <input
          defaultValue={actions.tags.join(', ')}
          placeholder="db, payments"
          onBlur={(e) =>
            onChange({
              ...actions,
              tags: e.target.value
                .split(',')
                .map((t) => t.trim())
                .filter((t) => t !== ''),
            })
          }
        />
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={actions.suppress}
          onChange={(e) => onChange({ ...actions, suppress: e.target.checked })}
        />
        Suppress (record the alert, open no incident)
      </label>
    </div>
  );
}
