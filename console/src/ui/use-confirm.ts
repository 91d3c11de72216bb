import { useState } from 'preact/hooks';
import { useAction } from '../hooks';

/**
 * An action that asks first: `ask(target)` opens the ConfirmDialog the returned `dialog` props
 * drive; confirming runs `action(target)`, keeps the dialog open with the server's message if it
 * fails, and calls `done(target)` once it succeeds.
 */
export function useConfirm<T>(action: (target: T) => Promise<unknown>, done: (target: T) => void) {
  const [target, setTarget] = useState<T | null>(null);
  const run = useAction(async (t: T) => {
    await action(t);
    return true;
  });
  const close = () => {
    setTarget(null);
    run.clearError();
  };
  return {
    target,
    ask: (t: T) => {
      run.clearError();
      setTarget(t);
    },
    dialog: {
      open: target !== null,
      busy: run.busy,
      error: run.error?.message,
      onClose: close,
      onConfirm: async () => {
        if (target === null) return;
        if (!(await run.run(target))) return;
        setTarget(null);
        done(target);
      },
    },
  };
}
