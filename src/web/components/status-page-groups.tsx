import { useState, type SyntheticEvent } from 'react';
import type { ComponentGroup } from '../../core/schemas/status-page.js';
import { TEXT_LIMITS } from '../../core/text/limits.js';
import { useWrite } from '../api/catalog.js';
import { createGroup, deleteGroup, statusPageKey, updateGroup } from '../api/status-page.js';
import { DeleteButton } from './delete-button.js';
import { ErrorBanner, fieldError } from './form.js';
import { TextField } from './text-field.js';
import { useUnsavedChanges } from './unsaved-changes.js';

/** Groups in page order: by position, then by when they were made. */
export function sortByPosition<T extends { position: number; id: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.position - b.position || a.id - b.id);
}

/** Give every group its index as position, moving the one at `from` to `to`; returns the changes. */
function reordered(groups: ComponentGroup[], from: number, to: number): { id: number; position: number }[] {
  const order = [...groups];
  const [moved] = order.splice(from, 1);
  if (!moved) return [];
  order.splice(to, 0, moved);
  return order.flatMap((g, position) => (g.position === position ? [] : [{ id: g.id, position }]));
}

const moveGroups = (changes: { id: number; position: number }[]) => Promise.all(changes.map(updateGroup));

/** Blocks of components on the page: add, rename, reorder and delete them. */
export function ComponentGroups({ groups }: { groups: ComponentGroup[] }) {
  const create = useWrite(createGroup, [statusPageKey]);
  const move = useWrite(moveGroups, [statusPageKey]);
  const [name, setName] = useState('');
  useUnsavedChanges(name.trim() !== '');
  const ordered = sortByPosition(groups);
  const add = (event: SyntheticEvent) => {
    event.preventDefault();
    create.mutate({ name: name.trim(), position: ordered.length }, { onSuccess: () => setName('') });
  };
  return (
    <section className="card" aria-label="Component groups">
      <h2 className="card-title">Component groups</h2>
      <p className="muted">The page shows each group as one block, in this order.</p>
      <ErrorBanner error={move.error} />
      {ordered.length === 0 ? <p className="muted">No groups: components are listed on their own.</p> : null}
      <ul className="sp-list">
        {ordered.map((group, index) => (
          <GroupRow
            key={group.id}
            group={group}
            isFirst={index === 0}
            isLast={index === ordered.length - 1}
            isMoving={move.isPending}
            onMove={(by) => move.mutate(reordered(ordered, index, index + by))}
          />
        ))}
      </ul>
      <form className="sp-add" onSubmit={add} noValidate aria-label="Add a group">
        <ErrorBanner error={create.error} shownFields={['name']} />
        <TextField
          label="New group"
          error={fieldError(create.error, 'name')}
          limit={TEXT_LIMITS.name}
          placeholder="e.g. Payments"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="button" disabled={create.isPending || name.trim() === ''}>
          Add group
        </button>
      </form>
    </section>
  );
}

interface GroupRowProps {
  group: ComponentGroup;
  isFirst: boolean;
  isLast: boolean;
  isMoving: boolean;
  onMove: (by: number) => void;
}

function GroupRow({ group, isFirst, isLast, isMoving, onMove }: GroupRowProps) {
  const rename = useWrite(updateGroup, [statusPageKey]);
  const drop = useWrite(deleteGroup, [statusPageKey]);
  const [name, setName] = useState<string | null>(null);
  useUnsavedChanges(name !== null && name !== group.name);
  const save = (event: SyntheticEvent) => {
    event.preventDefault();
    if (name === null) return;
    rename.mutate({ id: group.id, name: name.trim() }, { onSuccess: () => setName(null) });
  };
  const onDelete = () => {
    if (window.confirm(`Delete the group “${group.name}”? Its components stay on the page, ungrouped.`))
      drop.mutate(group.id);
  };
  if (name !== null)
    return (
      <li className="sp-row">
        <form className="sp-rename" onSubmit={save} noValidate aria-label={`Rename ${group.name}`}>
          <TextField
            label="Group name"
            error={fieldError(rename.error, 'name')}
            limit={TEXT_LIMITS.name}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <div className="toolbar">
            <button type="submit" className="button primary small" disabled={rename.isPending}>
              Save
            </button>
            <button type="button" className="button ghost small" onClick={() => setName(null)}>
              Cancel
            </button>
          </div>
        </form>
        <ErrorBanner error={rename.error} shownFields={['name']} />
      </li>
    );
  return (
    <li className="sp-row" data-testid="group-row">
      <span className="sp-name">{group.name}</span>
      <div className="toolbar">
        <button
          type="button"
          className="button small ghost"
          aria-label={`Move ${group.name} up`}
          disabled={isFirst || isMoving}
          onClick={() => onMove(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="button small ghost"
          aria-label={`Move ${group.name} down`}
          disabled={isLast || isMoving}
          onClick={() => onMove(1)}
        >
          ↓
        </button>
        <button type="button" className="button small ghost" onClick={() => setName(group.name)}>
          Rename
        </button>
        <DeleteButton onClick={onDelete} isPending={drop.isPending} isSmall />
      </div>
      <ErrorBanner error={drop.error} />
    </li>
  );
}
