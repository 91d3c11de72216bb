import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { Button } from './button';
import { FieldError } from './field';

type Props = {
  legend: string;
  /** What one entry is called: its input is labelled "<itemLabel> <n>", its button "Remove <itemLabel> <n>". */
  itemLabel: string;
  addLabel: string;
  values: string[];
  onChange: (values: string[]) => void;
  hint?: string;
  placeholder?: string;
  type?: 'text' | 'url';
  /** The server's refusal of the list as a whole (too many entries). */
  error?: string | undefined;
  /** The server's refusal of one entry, by its place in the form. */
  itemError?: (index: number) => string | undefined;
};

/**
 * A labelled list of values, one input each, with a button to remove an entry and one to add
 * another. Adding puts the cursor in the new entry; removing puts it in the entry that took the
 * removed one's place (or on "Add" when none is left), so the list is worked from the keyboard.
 */
export function ListField({ legend, itemLabel, addLabel, values, onChange, hint, placeholder, type = 'text', error, itemError }: Props) {
  const id = useId();
  // Stable keys, so an input keeps its focus and state when an entry above it goes.
  const nextKey = useRef(values.length);
  const [keys, setKeys] = useState(() => values.map((_, i) => i));
  const [focusAt, setFocusAt] = useState<number | null>(null);
  const fieldset = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    if (focusAt === null) return;
    const inputs = fieldset.current?.querySelectorAll<HTMLInputElement>('input') ?? [];
    (inputs[Math.min(focusAt, inputs.length - 1)] ?? fieldset.current?.querySelector<HTMLButtonElement>('[data-add]'))?.focus();
    setFocusAt(null);
  }, [focusAt]);

  const add = () => {
    setKeys((k) => [...k, nextKey.current++]);
    onChange([...values, '']);
    setFocusAt(values.length);
  };
  const remove = (index: number) => {
    setKeys((k) => k.filter((_, i) => i !== index));
    onChange(values.filter((_, i) => i !== index));
    setFocusAt(values.length > 1 ? index : -1);
  };
  const set = (index: number, value: string) => onChange(values.map((v, i) => (i === index ? value : v)));

  return (
    <fieldset ref={fieldset} class={`field list-field${error ? ' field-invalid' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {hint ? <p class="hint">{hint}</p> : null}
      <ul class="list-field-items">
        {values.map((value, index) => {
          const label = `${itemLabel} ${index + 1}`;
          const problem = itemError?.(index);
          const inputId = `${id}-${keys[index]}`;
          return (
            <li key={keys[index]} class={problem ? 'field-invalid' : undefined}>
              <div class="list-field-row">
                <label for={inputId} class="visually-hidden">
                  {label}
                </label>
                <input
                  id={inputId}
                  type={type}
                  value={value}
                  placeholder={placeholder}
                  onInput={(event) => set(index, (event.currentTarget as HTMLInputElement).value)}
                  aria-invalid={problem ? 'true' : undefined}
                  aria-describedby={problem ? `${inputId}-error` : undefined}
                />
                <Button aria-label={`Remove ${label}`} onClick={() => remove(index)}>
                  Remove
                </Button>
              </div>
              <FieldError id={`${inputId}-error`} error={problem} />
            </li>
          );
        })}
      </ul>
      <div>
        <Button data-add onClick={add}>
          {addLabel}
        </Button>
      </div>
      <FieldError id={`${id}-error`} error={error} />
    </fieldset>
  );
}
