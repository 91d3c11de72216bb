import type { ComponentChildren, JSX } from 'preact';
import { useId } from 'preact/hooks';

/** How a control inside a FieldFrame is tied to its label, hint and error. */
interface FieldLinks {
  id: string;
  'aria-invalid': 'true' | undefined;
  'aria-describedby': string | undefined;
}

type FrameProps = {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  /** Marks the label with an asterisk. */
  marked?: boolean | undefined;
  children: (links: FieldLinks) => ComponentChildren;
};

/**
 * The frame every labelled control shares: its label, hint and error, each tied to the control for
 * screen readers (aria-invalid, aria-describedby).
 */
export function FieldFrame({ label, error, hint, marked, children }: FrameProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>
        {label}
        {marked ? (
          <span class="required" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {children({ id, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': described })}
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

type InputProps = Omit<JSX.HTMLAttributes<HTMLInputElement>, 'value' | 'onInput'> & {
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  type?: string;
  required?: boolean;
  name?: string;
  autoComplete?: string;
};

/** A labelled input whose error is tied to it for screen readers (aria-invalid, aria-describedby). */
export function TextField({ label, value, onValue, error, hint, type = 'text', ...rest }: InputProps) {
  return (
    <FieldFrame label={label} error={error} hint={hint} marked={rest.required}>
      {(links) => (
        <input {...rest} {...links} type={type} value={value} onInput={(event) => onValue((event.currentTarget as HTMLInputElement).value)} />
      )}
    </FieldFrame>
  );
}

type SelectProps = {
  label: string;
  value: string;
  onValue: (value: string) => void;
  options: { value: string; label: string }[];
  error?: string | undefined;
  required?: boolean;
  name?: string;
};

export function SelectField({ label, value, onValue, options, error, ...rest }: SelectProps) {
  return (
    <FieldFrame label={label} error={error}>
      {(links) => (
        <select {...rest} {...links} value={value} onChange={(event) => onValue((event.currentTarget as HTMLSelectElement).value)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
