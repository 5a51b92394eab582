interface DeleteButtonProps {
  /** Asks for confirmation (if it should) and deletes. */
  onClick: () => void;
  /** Disables the button while the delete runs. */
  isPending?: boolean;
  isSmall?: boolean;
}

/** The red-outlined "Delete" button of a page or card. */
export function DeleteButton({ onClick, isPending, isSmall = false }: DeleteButtonProps) {
  return (
    <button
      type="button"
      className={isSmall ? 'button small danger-outline' : 'button danger-outline'}
      disabled={isPending}
      onClick={onClick}
    >
      Delete
    </button>
  );
}
