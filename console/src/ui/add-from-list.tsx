import { useState } from 'preact/hooks';
import { Button } from './button';
import { SelectField } from './field';

type Props = {
  label: string;
  /** What can still be added (members and scopes already there are left out by the caller). */
  options: { value: string; label: string }[];
  addLabel: string;
  busy: boolean;
  onAdd: (value: string) => Promise<unknown>;
};

/** Choose one item from a list and add it: a labelled select beside its button. */
export function AddFromList({ label, options, addLabel, busy, onAdd }: Props) {
  const [value, setValue] = useState('');
  return (
    <div class="inline-form">
      <SelectField
        label={label}
        value={value}
        onValue={setValue}
        options={[{ value: '', label: options.length ? 'Choose…' : 'Nothing more to add' }, ...options]}
      />
      <Button
        disabled={!value}
        busy={busy}
        onClick={async () => {
          await onAdd(value);
          setValue('');
        }}
      >
        {addLabel}
      </Button>
    </div>
  );
}
