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
  const described = describedBy(id, hint, error);
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
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}

/** The ids of the notes under control `id` that a screen reader reads with it. */
const describedBy = (id: string, hint: string | undefined, error: string | undefined) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** A control's hint and error, under the ids `describedBy` names. */
function FieldNotes({ id, hint, error }: { id: string; hint: string | undefined; error: string | undefined }) {
  return (
    <>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} error={error} />
    </>
  );
}

/** A control's error, under the id its aria-describedby names (nothing when there is none). */
export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p class="field-error" id={id}>
      {error}
    </p>
  ) : null;
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
  hint?: string;
  required?: boolean;
  name?: string;
};

export function SelectField({ label, value, onValue, options, error, hint, ...rest }: SelectProps) {
  return (
    <FieldFrame label={label} error={error} hint={hint}>
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

type CheckboxProps = {
  label: string;
  checked: boolean;
  onChecked: (checked: boolean) => void;
  hint?: string;
  error?: string | undefined;
};

/** One on/off setting: the box inside its label, its hint and error tied to it. */
export function CheckboxField({ label, checked, onChecked, hint, error }: CheckboxProps) {
  const id = useId();
  const described = describedBy(id, hint, error);
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label class="choice">
        <input
          type="checkbox"
          checked={checked}
          onChange={(event) => onChecked((event.currentTarget as HTMLInputElement).checked)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={described}
        />
        {label}
      </label>
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}
