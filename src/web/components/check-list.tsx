import type { ReactNode } from 'react';

interface Option {
  value: string;
  label: ReactNode;
}

interface CheckListProps {
  legend: string;
  options: readonly Option[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  empty?: string;
}

/** A multi-select as a scrollable list of labelled checkboxes. */
export function CheckList({ legend, options, selected, onChange, empty = 'None yet' }: CheckListProps) {
  const toggle = (value: string, on: boolean) =>
    onChange(on ? [...selected, value] : selected.filter((v) => v !== value));
  return (
    <fieldset className="check-list">
      <legend>{legend}</legend>
      {options.length === 0 ? <p className="muted">{empty}</p> : null}
      <div className="check-list-items">
        {options.map((option) => (
          <label key={option.value} className="check">
            <input
              type="checkbox"
              checked={selected.includes(option.value)}
              onChange={(e) => toggle(option.value, e.target.checked)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
