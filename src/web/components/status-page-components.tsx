import { useState } from 'react';
import type { ComponentGroup, StatusComponent } from '../../core/schemas/status-page.js';
import { useServices, useWrite } from '../api/catalog.js';
import { createComponent, deleteComponent, statusPageKey, updateComponent } from '../api/status-page.js';
import { DeleteButton } from './delete-button.js';
import { ErrorBanner } from './form.js';
import { StatusComponentForm } from './status-component-form.js';
import { sortByPosition } from './status-page-groups.js';
import { ComponentStatusBadge } from './status-page-parts.js';

interface Props {
  components: StatusComponent[];
  groups: ComponentGroup[];
}

/** The page's components: what each shows, what backs it; add, edit and delete them. */
export function StatusComponents({ components, groups }: Props) {
  const create = useWrite(createComponent, [statusPageKey]);
  const [isAdding, setAdding] = useState(false);
  const [editingId, setEditingId] = useState<number | null>(null);
  const ordered = sortByPosition(components);
  return (
    <section className="card" aria-label="Components">
      <div className="card-head">
        <h2 className="card-title">Components</h2>
        {!isAdding ? (
          <button type="button" className="button small" onClick={() => setAdding(true)}>
            Add component
          </button>
        ) : null}
      </div>
      <p className="muted">
        What customers see the state of. A derived status follows the open public incidents of the services
        behind it; a responder can set any status in a public update.
      </p>
      {isAdding ? (
        <StatusComponentForm
          groups={groups}
          error={create.error}
          isPending={create.isPending}
          submitLabel="Create component"
          onSubmit={(values) =>
            create.mutate({ ...values, position: ordered.length }, { onSuccess: () => setAdding(false) })
          }
          onCancel={() => setAdding(false)}
        />
      ) : null}
      {ordered.length === 0 && !isAdding ? <p className="muted">No components yet.</p> : null}
      <ul className="sp-list">
        {ordered.map((component) =>
          editingId === component.id ? (
            <li key={component.id} className="sp-row editing">
              <EditComponent component={component} groups={groups} onDone={() => setEditingId(null)} />
            </li>
          ) : (
            <ComponentRow
              key={component.id}
              component={component}
              groups={groups}
              onEdit={() => setEditingId(component.id)}
            />
          ),
        )}
      </ul>
    </section>
  );
}

function EditComponent({
  component,
  groups,
  onDone,
}: {
  component: StatusComponent;
  groups: ComponentGroup[];
  onDone: () => void;
}) {
  const update = useWrite(updateComponent, [statusPageKey]);
  return (
    <StatusComponentForm
      component={component}
      groups={groups}
      error={update.error}
      isPending={update.isPending}
      submitLabel={`Save ${component.name}`}
      onSubmit={(values) => update.mutate({ id: component.id, ...values }, { onSuccess: onDone })}
      onCancel={onDone}
    />
  );
}

function ComponentRow({
  component,
  groups,
  onEdit,
}: {
  component: StatusComponent;
  groups: ComponentGroup[];
  onEdit: () => void;
}) {
  const services = useServices();
  const drop = useWrite(deleteComponent, [statusPageKey]);
  const group = groups.find((g) => g.id === component.groupId);
  const names = new Map((services.data ?? []).map((s) => [s.id, s.name]));
  const backing = component.serviceIds.map((id) => names.get(id) ?? `#${id}`).join(', ');
  const onDelete = () => {
    if (window.confirm(`Delete the component “${component.name}”? The page stops showing it.`))
      drop.mutate(component.id);
  };
  return (
    <li className="sp-row" data-testid="component-row">
      <div className="sp-main">
        <span className="sp-name">{component.name}</span>
        <span className="sub muted">
          {group ? group.name : 'No group'} · {backing ? `backed by ${backing}` : 'no services'} ·{' '}
          {component.statusMode === 'derived' ? 'derived' : 'manual'}
          {component.showUptime ? ' · uptime shown' : ''}
        </span>
      </div>
      <ComponentStatusBadge status={component.status} />
      <div className="toolbar">
        <button type="button" className="button small ghost" onClick={onEdit}>
          Edit
        </button>
        <DeleteButton onClick={onDelete} isPending={drop.isPending} isSmall />
      </div>
      <ErrorBanner error={drop.error} />
    </li>
  );
}
