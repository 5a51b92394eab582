import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Report } from '../../core/schemas/reports.js';
import { useReportList, useUnlinkReport, type ReportFilters } from '../api/reports.js';
import { useCurrentUser } from '../api/session.js';
import { FiltersFold } from '../components/filters-fold.js';
import { ErrorBanner, Loading } from '../components/form.js';
import { LoadMore } from '../components/load-more.js';
import { ReportCreateForm } from '../components/report-create-form.js';
import { ReportFilterBar } from '../components/report-filters.js';
import { ReportLinkForm } from '../components/report-link-form.js';
import { ReportTable } from '../components/report-table.js';
import { ReportsTabs } from '../components/reports-tabs.js';
import '../styles/reports.css';

/** Read the inbox filters from the URL (every report by default). */
function filtersFrom(params: URLSearchParams): ReportFilters {
  const linked = params.get('linked');
  const source = params.get('source');
  return {
    linked: linked === 'unlinked' || linked === 'linked' ? linked : '',
    source: source === 'form' || source === 'api' || source === 'email' ? source : '',
    q: params.get('q') ?? '',
  };
}

type OpenForm = { kind: 'create'; refs: string[] } | { kind: 'link'; refs: string[]; from: string | null };

/** The reports inbox: filters, selection → new incident or link, per-row unlink and move. */
export function ReportsPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFrom(params), [params]);
  const list = useReportList(filters);
  const unlink = useUnlinkReport();
  const { canWrite } = useCurrentUser();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [form, setForm] = useState<OpenForm | null>(null);

  const onChange = useCallback(
    (patch: Partial<ReportFilters>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const select = (ref: string, isSelected: boolean) => {
    const next = new Set(selected);
    if (isSelected) next.add(ref);
    else next.delete(ref);
    setSelected(next);
  };
  const done = () => {
    setForm(null);
    setSelected(new Set());
  };

  const reports = list.data?.pages.flatMap((page) => page.items) ?? [];
  const chosen = [...selected];
  const activeCount = [filters.linked, filters.source, filters.q].filter(Boolean).length;

  return (
    <>
      <div className="page-head">
        <h1>Customer reports</h1>
      </div>
      <ReportsTabs />
      <FiltersFold activeCount={activeCount}>
        <ReportFilterBar filters={filters} onChange={onChange} />
      </FiltersFold>
      {canWrite && chosen.length > 0 && form === null ? (
        <div className="toolbar selection-bar" role="toolbar" aria-label="Selected reports">
          <span className="selection-count">{chosen.length} selected</span>
          <button
            type="button"
            className="button primary"
            onClick={() => setForm({ kind: 'create', refs: chosen })}
          >
            Create incident
          </button>
          <button
            type="button"
            className="button"
            onClick={() => setForm({ kind: 'link', refs: chosen, from: null })}
          >
            Link to incident…
          </button>
          <button type="button" className="button ghost" onClick={() => setSelected(new Set())}>
            Clear
          </button>
        </div>
      ) : null}
      {form?.kind === 'create' ? <ReportCreateForm refs={form.refs} onCancel={() => setForm(null)} /> : null}
      {form?.kind === 'link' ? (
        <ReportLinkForm refs={form.refs} from={form.from} onDone={done} onCancel={() => setForm(null)} />
      ) : null}
      <ErrorBanner error={list.error ?? unlink.error} />
      {list.isPending ? <Loading what="Loading reports" /> : null}
      {list.isSuccess && reports.length === 0 ? (
        <div className="empty">
          {activeCount > 0
            ? 'No reports match these filters.'
            : 'No customer reports yet. They arrive from the /report form, the API and the support mailbox.'}
        </div>
      ) : null}
      {reports.length > 0 ? (
        <ReportTable
          reports={reports}
          canWrite={canWrite}
          selected={selected}
          onSelect={select}
          onUnlink={(report: Report) => unlink.mutate(report.ref)}
          onMove={(report: Report) =>
            setForm({ kind: 'link', refs: [report.ref], from: report.incident?.ref ?? null })
          }
          isBusy={unlink.isPending}
        />
      ) : null}
      <LoadMore pager={list} />
    </>
  );
}
