import { DeleteButton } from './delete-button.js';

interface EditDeleteToolbarProps {
  onEdit: () => void;
  onDelete: () => void;
  /** Shows the Delete button (administrators only, on most pages). */
  canDelete: boolean;
  isDeleting: boolean;
}

/** A record page's Edit and Delete buttons. */
export function EditDeleteToolbar({ onEdit, onDelete, canDelete, isDeleting }: EditDeleteToolbarProps) {
  return (
    <div className="toolbar">
      <button type="button" className="button" onClick={onEdit}>
        Edit
      </button>
      {canDelete ? <DeleteButton onClick={onDelete} isPending={isDeleting} /> : null}
    </div>
  );
}
