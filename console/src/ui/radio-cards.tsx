import { useId } from 'preact/hooks';
import { FieldError } from './field';

type Props<Value extends string> = {
  legend: string;
  options: { value: Value; label: string; description: string }[];
  value: Value;
  onValue: (value: Value) => void;
  error?: string | undefined;
};

/** One choice among a few, each a card with a line saying what it means; arrow keys move between them. */
export function RadioCards<Value extends string>({ legend, options, value, onValue, error }: Props<Value>) {
  const id = useId();
  return (
    <fieldset class={`plain radio-cards${error ? ' field-invalid' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend class="field-legend">{legend}</legend>
      {options.map((option) => (
        <label key={option.value} class="radio-card">
          <input type="radio" name={id} value={option.value} checked={value === option.value} onChange={() => onValue(option.value)} />
          <div>
            <strong>{option.label}</strong>
            <span>{option.description}</span>
          </div>
        </label>
      ))}
      <FieldError id={`${id}-error`} error={error} />
    </fieldset>
  );
}
