import type { ReactNode } from 'react';

interface DataTableProps {
  /** Headings, left to right; `false` leaves a column out. */
  columns: readonly (string | false)[];
  /** Adds a last column, headed "Actions" for screen readers only. */
  hasActions?: boolean;
  /** Classes for the table besides `table stack`. */
  className?: string;
  /** A wrapper without its own card border, for tables inside a card. */
  isFlat?: boolean;
  /** The rows. */
  children: ReactNode;
}

/** A scrollable table that stacks into cards on narrow screens. */
export function DataTable({
  columns,
  hasActions = false,
  className,
  isFlat = false,
  children,
}: DataTableProps) {
  return (
    <div className={isFlat ? 'table-wrap flat' : 'table-wrap'}>
      <table className={className ? `table stack ${className}` : 'table stack'}>
        <thead>
          <tr>
            {columns.map((column) => (column ? <th key={column}>{column}</th> : null))}
            {hasActions ? (
              <th>
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
