import type { ComponentChildren } from 'preact';
import { FormDialog } from './form-dialog';

type ConfirmProps = {
  title: string;
  open: boolean;
  message: ComponentChildren;
  confirmLabel: string;
  busy?: boolean;
  error?: string | undefined;
  danger?: boolean;
  onConfirm: () => void;
  onClose: () => void;
};

/** Asks before a consequential action (delete, suspend, revoke); shows the server's refusal in place. */
export function ConfirmDialog({ title, open, message, confirmLabel, busy = false, error, danger = true, onConfirm, onClose }: ConfirmProps) {
  return (
    <FormDialog
      title={title}
      open={open}
      onClose={onClose}
      onSubmit={onConfirm}
      submitLabel={confirmLabel}
      busy={busy}
      submitVariant={danger ? 'danger' : 'primary'}
      focusSubmit
    >
      <div>{message}</div>
      {error ? (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
    </FormDialog>
  );
}
