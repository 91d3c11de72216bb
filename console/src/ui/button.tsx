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
