import { useId, type ReactNode } from 'react';
import { CheckItems } from './check-list.js';

interface ScopeChoiceProps<T extends string | number> {
  legend: string;
  /** The first radio: everything, including what is added later. */
  allLabel: ReactNode;
  /** The second radio: only the boxes ticked below it. */
  someLabel: ReactNode;
  isAll: boolean;
  onAllChange: (isAll: boolean) => void;
  options: readonly { value: T; label: ReactNode }[];
  selected: readonly T[];
  onChange: (selected: T[]) => void;
  empty?: string;
  error?: string | undefined;
}

/** "All" or "only these", with the checkboxes of "only these" shown when it is chosen. */
export function ScopeChoice<T extends string | number>({
  legend,
  allLabel,
  someLabel,
  isAll,
  onAllChange,
  options,
  selected,
  onChange,
  empty,
  error,
}: ScopeChoiceProps<T>) {
  const group = useId();
  const radio = (all: boolean, label: ReactNode) => (
    <label className="check">
      <input type="radio" name={group} checked={isAll === all} onChange={() => onAllChange(all)} />
      <span>{label}</span>
    </label>
  );
  return (
    <fieldset className={`check-list${error ? ' has-error' : ''}`}>
      <legend>{legend}</legend>
      <div className="scope-choice">
        {radio(true, allLabel)}
        {radio(false, someLabel)}
      </div>
      {!isAll ? (
        <div className="scope-choice-items">
          <CheckItems options={options} selected={selected} onChange={onChange} empty={empty} />
        </div>
      ) : null}
      {error ? <p className="field-error">{error}</p> : null}
    </fieldset>
  );
}
