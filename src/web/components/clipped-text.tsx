import { useState } from 'react';

/**
 * Text cut to one line with an ellipsis: the whole of it shows on hover (title) and, with a
 * click or Enter, unfolds in place, so nothing cut is out of reach.
 */
export function ClippedText({ text, className = '' }: { text: string; className?: string }) {
  const [isExpanded, setExpanded] = useState(false);
  return (
    <button
      type="button"
      className={`clip${isExpanded ? ' is-expanded' : ''}${className ? ` ${className}` : ''}`}
      title={isExpanded ? undefined : text}
      aria-expanded={isExpanded}
      onClick={() => setExpanded(!isExpanded)}
    >
      {text}
    </button>
  );
}
