import { useEffect, useState } from 'react';

/** Put text on the clipboard; falls back to a selected textarea where the Clipboard API is missing (plain http). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // denied: try the old way below
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the only copy path on insecure origins
    return document.execCommand('copy');
  } finally {
    area.remove();
  }
}

/** A "Copy" button that says "Copied" for a moment after a successful copy. */
export function CopyButton({
  text,
  label = 'Copy',
  what,
  className = 'button small',
}: {
  text: string;
  label?: string;
  /** What is copied, for screen readers ("Copy integration key"). */
  what?: string;
  className?: string;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  const onClick = () => void copyText(text).then((ok) => setState(ok ? 'copied' : 'failed'));
  return (
    <button
      type="button"
      className={className}
      onClick={onClick}
      aria-label={what ? `${label} ${what}` : undefined}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Press Ctrl+C' : label}
    </button>
  );
}

/** A block of code or configuration with a copy button in its corner. */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  return (
    <div className="code-block">
      <pre tabIndex={0} aria-label={label}>
        <code>{code}</code>
      </pre>
      <CopyButton text={code} what={label} className="button small code-copy" />
    </div>
  );
}
