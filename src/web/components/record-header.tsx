import type { ReactNode } from 'react';
import { ErrorBanner } from './form.js';

interface RecordHeaderProps {
  title: ReactNode;
  /** Under the title: a description, a time zone, a badge row. */
  subtitle?: ReactNode;
  /** The page's actions (Edit, Delete…), on the right. */
  actions?: ReactNode;
  /** A failed action of the header, shown under it. */
  error?: unknown;
  /** Class of the title block. */
  titleClassName?: string;
}

/** The head of a record's page: its name, what is under it, its actions and their error. */
export function RecordHeader({ title, subtitle, actions, error, titleClassName }: RecordHeaderProps) {
  return (
    <>
      <div className="page-head">
        <div className={titleClassName}>
          <h1>{title}</h1>
          {subtitle}
        </div>
        {actions}
      </div>
      <ErrorBanner error={error} />
    </>
  );
}
