import { useState } from 'react';
import type { TriageCondition, TriageRuleSet } from '../../core/schemas/triage.js';
import { useCurrentUser } from '../api/session.js';
import { useDeleteTriageRuleSet, useReorderTriageRuleSets, useTriageRuleSets } from '../api/triage.js';
import { DeleteButton } from '../components/delete-button.js';
import { ErrorBanner, Loading } from '../components/form.js';
import { TriageRuleSetEditor, moved } from '../components/triage-rule-editor.js';
import '../styles/triage.css';

/** Triage rules: ordered rule sets that set up (or suppress) what alerts and reports open. */
export function TriageRulesPage() {
  const sets = useTriageRuleSets();
  const reorder = useReorderTriageRuleSets();
  const { isAdmin } = useCurrentUser();
  const [editing, setEditing] = useState<TriageRuleSet | 'new' | null>(null);
  const list = sets.data ?? [];
  const move = (index: number, by: -1 | 1) => reorder.mutate(moved(list, index, by).map((s) => s.id));

  return (
    <>
      <div className="page-head">
        <h1>Triage rules</h1>
        {isAdmin && editing === null ? (
          <button type="button" className="button primary" onClick={() => setEditing('new')}>
            New rule set
          </button>
        ) : null}
      </div>
      <p className="muted">
        Rule sets run from top to bottom on each new alert and on customer reports that open a triage
        incident.
      </p>
      {editing !== null ? (
        <TriageRuleSetEditor
          key={editing === 'new' ? 'new' : editing.id}
          ruleSet={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      ) : null}
      <ErrorBanner error={sets.error ?? reorder.error} />
      {sets.isPending ? <Loading what="Loading triage rules" /> : null}
      {sets.data?.length === 0 ? (
        <div className="empty">No triage rules yet: alerts open incidents as they are.</div>
      ) : null}
      <div className="triage-set-list">
        {list.map((set, index) => (
          <RuleSetCard
            key={set.id}
            set={set}
            onEdit={isAdmin ? () => setEditing(set) : undefined}
            onMove={isAdmin ? (by) => move(index, by) : undefined}
          />
        ))}
      </div>
    </>
  );
}

function conditionText(c: TriageCondition): string {
  const subject =
    c.field === 'label' || c.field === 'annotation' ? `${c.field} ${c.name}` : c.field.replace('_', ' ');
  return c.op === 'exists' ? `${subject} exists` : `${subject} ${c.op.replace('_', ' ')} "${c.value}"`;
}

function RuleSetCard(props: {
  set: TriageRuleSet;
  onEdit: (() => void) | undefined;
  onMove: ((by: -1 | 1) => void) | undefined;
}) {
  const { set, onEdit, onMove } = props;
  const remove = useDeleteTriageRuleSet();
  return (
    <section className="card" aria-label={set.name} data-testid="triage-rule-set">
      <div className="card-head">
        <div>
          <h2 className="card-title">
            {set.name} <span className="muted">v{set.version}</span>
          </h2>
          <p className="muted">
            {set.service ? `Service ${set.service.name}` : 'Every service'} ·{' '}
            {set.mode === 'first_match' ? 'first matching rule' : 'every matching rule'}
            {set.isEnabled ? '' : ' · disabled'}
          </p>
        </div>
        <div className="button-group">
          {onMove ? (
            <>
              <button
                type="button"
                className="button small"
                aria-label={`Move ${set.name} up`}
                onClick={() => onMove(-1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="button small"
                aria-label={`Move ${set.name} down`}
                onClick={() => onMove(1)}
              >
                ↓
              </button>
            </>
          ) : null}
          {onEdit ? (
            <button type="button" className="button small" onClick={onEdit}>
              Edit
            </button>
          ) : null}
          {onEdit ? (
            <DeleteButton
              isPending={remove.isPending}
              isSmall
              onClick={() => {
                if (window.confirm(`Delete the rule set "${set.name}"?`)) remove.mutate(set.id);
              }}
            />
          ) : null}
        </div>
      </div>
      <ErrorBanner error={remove.error} />
      <ol className="triage-rule-summary">
        {set.rules.map((rule) => (
          <li key={rule.id} className={rule.isEnabled ? undefined : 'muted'}>
            <strong>{rule.name}</strong>: when{' '}
            {rule.conditions.length === 0 ? 'always' : rule.conditions.map(conditionText).join(' and ')}
          </li>
        ))}
      </ol>
    </section>
  );
}
