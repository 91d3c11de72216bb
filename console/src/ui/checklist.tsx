import { useId } from 'preact/hooks';
import { FieldError } from './field';

type Props<Value extends string> = {
  legend: string;
  options: { value: Value; label: string; hint?: string }[];
  selected: Value[];
  onChange: (selected: Value[]) => void;
  /** Shown instead of the boxes when there is nothing to choose from. */
  empty?: string;
  error?: string | undefined;
  hint?: string;
};

/** A labelled group of checkboxes for choosing several items (scopes, groups, applications). */
export function Checklist<Value extends string>({
  legend,
  options,
  selected,
  onChange,
  empty = 'Nothing to choose from.',
  error,
  hint,
}: Props<Value>) {
  const id = useId();
  const chosen = new Set(selected);
  const toggle = (value: Value) => {
    const next = new Set(chosen);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    // Keep the options' order, so what is sent reads like what is shown.
    onChange(options.map((o) => o.value).filter((v) => next.has(v)));
  };
  return (
    <fieldset class={`field checklist${error ? ' field-invalid' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {hint ? <p class="hint">{hint}</p> : null}
      {options.length === 0 ? (
        <p class="hint">{empty}</p>
      ) : (
        <ul class="checklist-options">
          {options.map((option) => (
            <li key={option.value}>
              <label>
                <input type="checkbox" checked={chosen.has(option.value)} onChange={() => toggle(option.value)} />
                <span>{option.label}</span>
                {option.hint ? <span class="hint"> {option.hint}</span> : null}
              </label>
            </li>
          ))}
        </ul>
      )}
      <FieldError id={`${id}-error`} error={error} />
    </fieldset>
  );
}
