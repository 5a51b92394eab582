import { useCallback, useRef, useState } from 'react';

/** What a control's write is given: call `onSettled` once the server has answered (and the refetch is done). */
export interface SettleOptions {
  onSettled: () => void;
}

/** A write started by a control: TanStack's `mutate(variables, options)` fits. */
export type PendingWrite<T> = (value: T, options: SettleOptions) => void;

interface Choice<T> {
  value: T;
  id: number;
}

/** The optimistic values of a group of controls, keyed by control. */
export interface PendingValues<T> {
  /** What control `key` shows: the value the user just chose while its write runs, else `server`. */
  valueOf: (key: string, server: T) => T;
  /** True while control `key`'s write has not settled. */
  isPending: (key: string) => boolean;
  /** Show `value` on control `key` at once, then run `write`; the server's value returns when it settles. */
  change: (key: string, value: T, write: PendingWrite<T>) => void;
}

/**
 * Controls backed by server state that change the moment they are used. A checkbox, select or
 * toggle shows the user's choice in the same render as the click, not after the server has
 * answered and the list is refetched; when the write settles the server's value shows again —
 * the new one on success, the old one on failure, where the mutation's error is shown.
 * Every write of this app refetches before it settles, so nothing flickers back in between.
 */
export function usePendingValues<T>(): PendingValues<T> {
  const [pending, setPending] = useState<ReadonlyMap<string, Choice<T>>>(() => new Map());
  const lastId = useRef(0);
  const change = useCallback((key: string, value: T, write: PendingWrite<T>) => {
    const choice = { value, id: ++lastId.current };
    setPending((current) => new Map(current).set(key, choice));
    write(value, {
      // A later choice on the same control outlives this write.
      onSettled: () =>
        setPending((current) => {
          if (current.get(key)?.id !== choice.id) return current;
          const next = new Map(current);
          next.delete(key);
          return next;
        }),
    });
  }, []);
  return {
    valueOf: (key, server) => {
      const choice = pending.get(key);
      return choice ? choice.value : server;
    },
    isPending: (key) => pending.has(key),
    change,
  };
}
