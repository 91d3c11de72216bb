import type { ComponentChildren } from 'preact';
import { Button } from './button';

type Props = {
  /** Names the row to a screen reader: "Edit {name}", "Delete {name}". */
  name: string;
  /** Without it (not allowed, or read-only) there is no Edit button; the same for onDelete. */
  onEdit?: (() => void) | undefined;
  onDelete?: (() => void) | undefined;
  editLabel?: string;
  /** Buttons before Edit. */
  children?: ComponentChildren;
};

/** A table row's buttons: its own ones, then Edit and Delete where the caller may use them. */
export function RowActions({ name, onEdit, onDelete, editLabel = 'Edit', children }: Props) {
  return (
    <div class="actions">
      {children}
      {onEdit ? (
        <Button aria-label={`${editLabel} ${name}`} onClick={onEdit}>
          {editLabel}
        </Button>
      ) : null}
      {onDelete ? (
        <Button variant="danger" aria-label={`Delete ${name}`} onClick={onDelete}>
          Delete
        </Button>
      ) : null}
    </div>
  );
}
