import type { ComponentChildren, JSX } from 'preact';

type Props = JSX.HTMLAttributes<HTMLButtonElement> & {
  busy?: boolean;
  variant?: 'primary' | 'secondary' | 'danger' | 'link';
  type?: 'button' | 'submit';
  disabled?: boolean;
  children: ComponentChildren;
};

/** A button that shows its work: disabled and marked busy while its action runs. */
export function Button({ busy = false, variant = 'secondary', type = 'button', disabled, children, ...rest }: Props) {
  return (
    <button {...rest} type={type} class={`button button-${variant}`} disabled={disabled || busy} aria-busy={busy}>
      {busy ? <span class="spinner" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}

/** A button that stays pressed while what it opens is shown (a row's detail below its table). */
export function Toggle({
  pressed,
  label,
  onToggle,
  children,
}: {
  pressed: boolean;
  label: string;
  onToggle: (on: boolean) => void;
  children: ComponentChildren;
}) {
  return (
    <Button variant={pressed ? 'primary' : 'secondary'} aria-pressed={pressed} aria-label={label} onClick={() => onToggle(!pressed)}>
      {children}
    </Button>
  );
}
