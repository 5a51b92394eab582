import { Link } from 'react-router';
import { humanFieldMessage } from '../../core/field-messages.js';

/**
 * A gap of the next step in words, as the API's problems word it: "Root cause category is
 * required to close" (a problem's message already reads so and stays as it is).
 */
export function gapText(gap: { field: string; message: string }): string {
  return humanFieldMessage(gap.field, gap.message);
}

/** What an incident still lacks to resolve or close, each in words; the review with a link to it. */
export function GapList({
  gaps,
  incidentRef,
  className,
}: {
  gaps: ReadonlyArray<{ field: string; message: string }>;
  incidentRef: string;
  className?: string;
}) {
  return (
    <ul className={className}>
      {gaps.map((gap) => (
        <li key={gap.field}>
          {gapText(gap)}
          {gap.field === 'review' ? (
            <>
              {' '}
              <Link to={`/incidents/${encodeURIComponent(incidentRef)}/review`}>Open the review</Link>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
