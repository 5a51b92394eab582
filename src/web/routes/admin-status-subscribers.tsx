import { useState } from 'react';
import { SUBSCRIBER_STATES, type Subscriber } from '../../core/schemas/status-subscribers.js';
import { useWrite } from '../api/catalog.js';
import { useStatusComponents } from '../api/status-page.js';
import {
  type SubscriberFilters,
  patchSubscriberSettings,
  removeSubscriber,
  subscribersCsvUrl,
  subscribersKey,
  useSubscribers,
} from '../api/status-subscribers.js';
import { DataTable } from '../components/data-table.js';
import { DeleteButton } from '../components/delete-button.js';
import { ErrorBanner, Loading, fieldError } from '../components/form.js';
import { StatusPageTabs } from '../components/status-page-tabs.js';
import { SubscriberAddForm } from '../components/subscriber-add-form.js';
import '../styles/status-page.css';

const STATE_LABELS: Record<Subscriber['state'], string> = {
  pending: 'Awaiting confirmation',
  confirmed: 'Confirmed',
  unsubscribed: 'Unsubscribed',
};

/** Admin: who receives the status page's updates, by mail or webhook; add, remove, export. */
export function AdminStatusSubscribers() {
  const [filters, setFilters] = useState<SubscriberFilters>({});
  const [isAdding, setAdding] = useState(false);
  const list = useSubscribers(filters);
  const components = useStatusComponents();
  const remove = useWrite(removeSubscriber, [subscribersKey]);
  const counts = list.data?.counts;
  return (
    <div className="narrow status-page-admin">
      <div className="page-head">
        <h1>Status page</h1>
        <a className="button" href="/status/subscribe" target="_blank" rel="noopener">
          Open the subscribe form
        </a>
      </div>
      <StatusPageTabs />
      <ErrorBanner error={list.error ?? components.error ?? remove.error} />
      <section className="card" aria-label="Subscribers">
        <div className="card-head">
          <h2 className="card-title">Subscribers</h2>
          <div className="row-actions">
            <a className="button small" href={subscribersCsvUrl(filters)} download>
              Export CSV
            </a>
            {!isAdding ? (
              <button type="button" className="button small" onClick={() => setAdding(true)}>
                Add subscriber
              </button>
            ) : null}
          </div>
        </div>
        {counts ? (
          <p className="muted" aria-live="polite">
            {counts.confirmed} confirmed · {counts.pending} awaiting confirmation · {counts.unsubscribed}{' '}
            unsubscribed — {counts.email} by email, {counts.webhook} by webhook
          </p>
        ) : null}
        {isAdding && components.data ? (
          <SubscriberAddForm components={components.data} onDone={() => setAdding(false)} />
        ) : null}
        <div className="filters-row" role="group" aria-label="Filters">
          <label>
            State{' '}
            <select
              value={filters.state ?? ''}
              onChange={(e) =>
                setFilters({ ...filters, state: (e.target.value || undefined) as SubscriberFilters['state'] })
              }
            >
              <option value="">Any</option>
              {SUBSCRIBER_STATES.map((state) => (
                <option key={state} value={state}>
                  {STATE_LABELS[state]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Component{' '}
            <select
              value={filters.componentId ?? ''}
              onChange={(e) =>
                setFilters({ ...filters, componentId: e.target.value ? Number(e.target.value) : undefined })
              }
            >
              <option value="">Any</option>
              {(components.data ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Address{' '}
            <input
              type="search"
              value={filters.q ?? ''}
              onChange={(e) => setFilters({ ...filters, q: e.target.value || undefined })}
            />
          </label>
        </div>
        {list.isPending ? <Loading what="Loading subscribers" /> : null}
        {list.data && list.data.items.length === 0 ? <p className="muted">No subscribers match.</p> : null}
        {list.data && list.data.items.length > 0 ? (
          <DataTable columns={['Address', 'State', 'Hears about', 'Since']} hasActions isFlat>
            {list.data.items.map((s) => (
              <tr key={s.id}>
                <td data-label="Address">
                  <span className="break">{s.address}</span>
                  {s.channel === 'webhook' ? <span className="muted"> (webhook)</span> : null}
                </td>
                <td data-label="State">
                  {STATE_LABELS[s.state]}
                  {s.skipReason ? (
                    <div className="muted small">Added without opt-in: {s.skipReason}</div>
                  ) : null}
                </td>
                <td data-label="Hears about">
                  {s.allComponents ? 'Every component' : s.components.map((c) => c.name).join(', ')}
                </td>
                <td data-label="Since">{new Date(s.createdAt).toLocaleDateString()}</td>
                <td>
                  <DeleteButton
                    isSmall
                    isPending={remove.isPending}
                    onClick={() => {
                      if (window.confirm(`Remove ${s.address}? Nothing more will be sent to it.`))
                        remove.mutate(s.id);
                    }}
                  />
                </td>
              </tr>
            ))}
          </DataTable>
        ) : null}
      </section>
      {list.data ? <BundleSetting seconds={list.data.bundleSeconds} /> : null}
    </div>
  );
}

/** The bundling window: updates to one incident within it go out as one message. */
function BundleSetting({ seconds }: { seconds: number }) {
  const save = useWrite(patchSubscriberSettings, [subscribersKey]);
  const [value, setValue] = useState(String(seconds));
  return (
    <section className="card" aria-label="Bundling">
      <h2 className="card-title">Bundling</h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ bundleSeconds: Number(value) });
        }}
      >
        <label>
          Send several updates to one incident made within{' '}
          <input
            type="number"
            min={0}
            max={3600}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={fieldError(save.error, 'bundleSeconds') ? true : undefined}
            className="narrow-number"
          />{' '}
          seconds as one message
        </label>{' '}
        <button type="submit" className="button small" disabled={save.isPending}>
          Save
        </button>
        <ErrorBanner error={save.error} />
      </form>
    </section>
  );
}
