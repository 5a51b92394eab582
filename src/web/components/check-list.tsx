import type { ReactNode } from 'react';

interface Option<T extends string | number> {
  value: T;
  label: ReactNode;
}

interface CheckListProps<T extends string | number> {
  legend: string;
  options: readonly Option<T>[];
  selected: readonly T[];
  onChange: (selected: T[]) => void;
  /** Shown when there are no options. */
  empty?: string;
  /** The field's error, shown beneath the boxes. */
  error?: string | undefined;
  disabled?: boolean;
  /** `boxed` (default): a bordered, scrollable list; `inline`: the boxes flow under the legend. */
  variant?: 'boxed' | 'inline';
}

/** The selection with `value` turned on or off, keeping the order it was chosen in. */
export function toggled<T>(selected: readonly T[], value: T, isOn: boolean): T[] {
  return isOn ? [...selected.filter((v) => v !== value), value] : selected.filter((v) => v !== value);
}

/** A multi-select as labelled checkboxes: every form's list of choices. */
export function CheckList<T extends string | number>({
  legend,
  options,
  selected,
  onChange,
  empty = 'None yet',
  error,
  disabled = false,
  variant = 'boxed',
}: CheckListProps<T>) {
  const classes = ['check-list', variant === 'inline' ? 'inline' : '', error ? 'has-error' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <fieldset className={classes}>
      <legend>{legend}</legend>
      <CheckItems
        options={options}
        selected={selected}
        onChange={onChange}
        empty={empty}
        disabled={disabled}
      />
      {error ? <p className="field-error">{error}</p> : null}
    </fieldset>
  );
}

type CheckItemsProps<T extends string | number> = Pick<
  CheckListProps<T>,
  'options' | 'selected' | 'onChange' | 'empty' | 'disabled'
>;

/** The checkboxes of a `CheckList`, for a fieldset that holds more than the list. */
export function CheckItems<T extends string | number>({
  options,
  selected,
  onChange,
  empty = 'None yet',
  disabled = false,
}: CheckItemsProps<T>) {
  return (
    <div className="check-list-items">
      {options.length === 0 ? <span className="muted">{empty}</span> : null}
      {options.map((option) => (
        <Checkbox
          key={option.value}
          checked={selected.includes(option.value)}
          disabled={disabled}
          onChange={(isOn) => onChange(toggled(selected, option.value, isOn))}
        >
          {option.label}
        </Checkbox>
      ))}
    </div>
  );
}

interface CheckboxProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  className?: string;
  children: ReactNode;
}

/** One labelled checkbox, the label clickable with it. */
export function Checkbox({ checked, onChange, disabled = false, className, children }: CheckboxProps) {
  return (
    <label className={className ? `check ${className}` : 'check'}>
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span>{children}</span>
    </label>
  );
}
