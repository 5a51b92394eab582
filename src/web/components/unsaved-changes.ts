import { useCallback, useEffect, useId, useState } from 'react';
import { type BlockerFunction, useBlocker } from 'react-router';

/** What the leave prompt asks. */
export const LEAVE_PROMPT = 'You have unsaved changes on this page. Leave and lose them?';

/**
 * The parts of the page holding unsaved edits, by id. A router consults only one blocker, so
 * every form reports here and one guard (`useLeaveGuard`, in the layout) asks for them all.
 */
const dirtyParts = new Set<string>();

function warnBeforeUnload(event: BeforeUnloadEvent): void {
  // Current browsers show their own "Leave site?" prompt for a cancelled beforeunload.
  event.preventDefault();
}

function markDirty(id: string, isDirty: boolean): void {
  const wasEmpty = dirtyParts.size === 0;
  if (isDirty) dirtyParts.add(id);
  else dirtyParts.delete(id);
  if (wasEmpty && dirtyParts.size > 0) window.addEventListener('beforeunload', warnBeforeUnload);
  if (!wasEmpty && dirtyParts.size === 0) window.removeEventListener('beforeunload', warnBeforeUnload);
}

/**
 * Report unsaved edits of one form or note box while `isDirty`: leaving the page then asks
 * first. Call the returned `release` just before navigating away after a save.
 */
export function useUnsavedChanges(isDirty: boolean): { release: () => void } {
  const id = useId();
  useEffect(() => {
    markDirty(id, isDirty);
    return () => markDirty(id, false);
  }, [id, isDirty]);
  return { release: useCallback(() => markDirty(id, false), [id]) };
}

/**
 * `useUnsavedChanges` for a form whose edits are plain values: dirty while `values` differ from
 * what they were when the form opened (compared as JSON, so arrays and objects count by content).
 */
export function useUnsavedEdits(values: unknown): { release: () => void } {
  const [loaded] = useState(() => JSON.stringify(values));
  return useUnsavedChanges(JSON.stringify(values) !== loaded);
}

const leavesPage: BlockerFunction = ({ currentLocation, nextLocation }) =>
  dirtyParts.size > 0 &&
  (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search);

/**
 * The one guard of the app (in the layout): asks before a link, the back button or a redirect
 * leaves a page with unsaved edits; the browser asks on reload, close or another address.
 */
export function useLeaveGuard(): void {
  const blocker = useBlocker(leavesPage);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(LEAVE_PROMPT)) {
      // Leaving drops the edits: the forms unmount and report themselves clean.
      blocker.proceed();
    } else blocker.reset();
  }, [blocker]);
}
