import { useState } from 'react';

/** What a paged (infinite) query offers for loading its next page. */
interface Pager {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** A "Load more" button under a paged list; nothing when there is no next page. */
export function LoadMore({ pager }: { pager: Pager }) {
  if (!pager.hasNextPage) return null;
  return (
    <div className="load-more">
      <button
        type="button"
        className="button"
        disabled={pager.isFetchingNextPage}
        onClick={() => void pager.fetchNextPage()}
      >
        {pager.isFetchingNextPage ? 'Loading…' : 'Load more'}
      </button>
    </div>
  );
}

/**
 * How many rows a list asks the server for: `page` at first, `page` more each time the user
 * asks, at most `max`. `moreFor(count)` is the action for a "Show more" button, or undefined
 * when the list got fewer rows than asked (nothing more) or reached `max`.
 */
export function useGrowingLimit(page: number, max: number) {
  const [limit, setLimit] = useState(page);
  return {
    limit,
    reset: () => setLimit(page),
    moreFor: (count: number) =>
      count >= limit && limit < max ? () => setLimit(Math.min(limit + page, max)) : undefined,
  };
}

/** A "Show more" button under a list that shows more rows on `onShowMore`; nothing without it. */
export function ShowMore({ onShowMore }: { onShowMore: (() => void) | undefined }) {
  if (!onShowMore) return null;
  return (
    <div className="load-more">
      <button type="button" className="button" onClick={onShowMore}>
        Show more
      </button>
    </div>
  );
}
