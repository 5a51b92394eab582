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
