import { type ReactNode, useId, useState } from 'react';

/**
 * Filters that fold behind a "Filters" button on narrow screens (CSS decides), so a list's
 * first rows fit the first screen of a phone; on wider screens they always show.
 */
export function FiltersFold({ activeCount, children }: { activeCount: number; children: ReactNode }) {
  const [isOpen, setOpen] = useState(false);
  const id = useId();
  return (
    <div className={isOpen ? 'filters-fold is-open' : 'filters-fold'} id={id}>
      <button
        type="button"
        className="button small filters-toggle"
        aria-expanded={isOpen}
        aria-controls={id}
        onClick={() => setOpen(!isOpen)}
      >
        {isOpen ? 'Hide filters' : 'Filters'}
        {activeCount > 0 ? ` (${activeCount} on)` : ''}
      </button>
      {children}
    </div>
  );
}
