import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Button } from './button';
import { Dialog } from './dialog';

type Props = {
  title: string;
  open: boolean;
  onClose: () => void;
  onSubmit: () => void;
  submitLabel: string;
  busy: boolean;
  /** `danger` for a submit that destroys something. */
  submitVariant?: 'primary' | 'danger';
  submitDisabled?: boolean;
  /** Focus the submit button on opening, for a dialog with no field to focus first. */
  focusSubmit?: boolean;
  children: ComponentChildren;
};

/** A dialog holding one form: Cancel, and a submit button that shows progress while it saves. */
export function FormDialog({
  title,
  open,
  onClose,
  onSubmit,
  submitLabel,
  busy,
  submitVariant = 'primary',
  submitDisabled,
  focusSubmit,
  children,
}: Props) {
  return (
    <Dialog
      title={title}
      open={open}
      onClose={onClose}
      onSubmit={onSubmit}
      actions={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant={submitVariant} busy={busy} disabled={submitDisabled} data-autofocus={focusSubmit ? true : undefined}>
            {submitLabel}
          </Button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}

/**
 * Which item a dialog edits (null: a new one). The dialog stays mounted while it closes
 * (`open: false`) so it can hand focus back to the button that opened it; `key` gives each opening
 * a fresh form.
 */
export function useDialogState<T>() {
  const [state, setState] = useState<{ item: T | null; open: boolean; key: number } | null>(null);
  return {
    state,
    open: (item: T | null) => setState((s) => ({ item, open: true, key: (s?.key ?? 0) + 1 })),
    close: () => setState((s) => s && { ...s, open: false }),
  };
}
