import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { FollowUp } from '../../core/schemas/follow-ups.js';
import { type FollowUpFilters, useFollowUp, useFollowUpList } from '../api/follow-ups.js';
import { useCurrentUser } from '../api/session.js';
import { DataTable } from '../components/data-table.js';
import { FiltersFold } from '../components/filters-fold.js';
import {
  FollowUpFilterBar,
  activeFollowUpFilters,
  followUpFiltersFrom,
  followUpSearchOf,
} from '../components/follow-up-filters.js';
import { FollowUpForm } from '../components/follow-up-form.js';
import { FollowUpRow } from '../components/follow-up-row.js';
import { ErrorBanner, Loading } from '../components/form.js';
import { LoadMore } from '../components/load-more.js';
import '../styles/follow-ups.css';

/** The focused follow-up's id from `?focus=12` (the overdue reminder's link), or null. */
function focusOf(params: URLSearchParams): number | null {
  const id = Number(params.get('focus') ?? '');
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * Follow-up actions across incidents: filters, "load more" paging, create, edit and move on.
 * `?focus=ID` scrolls to that follow-up and highlights it, shown even when the filters hide it.
 */
export function FollowUpsPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => followUpFiltersFrom(params), [params]);
  const focusId = focusOf(params);
  const list = useFollowUpList(filters);
  const focused = useFollowUp(focusId);
  const { canWrite } = useCurrentUser();
  const [editing, setEditing] = useState<FollowUp | 'new' | null>(null);
  const formRef = useRef<HTMLDivElement>(null);

  const onChange = useCallback(
    (patch: Partial<FollowUpFilters>) => {
      const next = followUpSearchOf({ ...filters, ...patch });
      if (focusId !== null) next.set('focus', String(focusId));
      setParams(next, { replace: true });
    },
    [filters, focusId, setParams],
  );
  useEffect(() => {
    if (editing !== null) formRef.current?.scrollIntoView({ block: 'nearest' });
  }, [editing]);

  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const pinned = focused.data && !items.some((item) => item.id === focused.data.id) ? focused.data : null;
  const rows = pinned ? [pinned, ...items] : items;
  const reload = () => void list.refetch();

  return (
    <>
      <div className="page-head">
        <h1>Follow-ups</h1>
        {canWrite ? (
          <button type="button" className="button primary" onClick={() => setEditing('new')}>
            New follow-up
          </button>
        ) : null}
      </div>
      <div ref={formRef}>
        {editing !== null ? (
          <FollowUpForm
            key={editing === 'new' ? 'new' : `${editing.id}:${editing.version}`}
            {...(editing === 'new' ? {} : { followUp: editing })}
            onDone={() => setEditing(null)}
            onReload={reload}
          />
        ) : null}
      </div>
      <FiltersFold activeCount={activeFollowUpFilters(filters)}>
        <FollowUpFilterBar filters={filters} onChange={onChange} />
      </FiltersFold>
      <ErrorBanner error={list.error ?? focused.error} />
      {list.isPending ? <Loading what="Loading follow-ups" /> : null}
      {list.isSuccess && rows.length === 0 ? (
        <div className="empty">No follow-ups match these filters.</div>
      ) : null}
      {rows.length > 0 ? (
        <DataTable
          columns={['Follow-up', 'Owner', 'Due', 'Priority', 'State', 'Incidents']}
          hasActions={canWrite}
          className="follow-up-table"
        >
          {rows.map((followUp) => (
            <FollowUpRow
              key={followUp.id}
              followUp={followUp}
              isFocused={followUp.id === focusId}
              isHiddenByFilters={followUp === pinned}
              canWrite={canWrite}
              onEdit={() => setEditing(followUp)}
              onReload={reload}
            />
          ))}
        </DataTable>
      ) : null}
      <LoadMore pager={list} />
      <p className="muted fu-foot">
        Overdue follow-ups remind their owner by email. See also <Link to="/reviews">reviews</Link>.
      </p>
    </>
  );
}
