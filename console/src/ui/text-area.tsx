import { FieldFrame } from './field';

type Props = {
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  rows?: number;
};

/** A labelled multi-line input (one item per line), its hint and error tied to it for screen readers. */
export function TextArea({ label, value, onValue, error, hint, rows = 3 }: Props) {
  return (
    <FieldFrame label={label} error={error} hint={hint}>
      {(links) => <textarea {...links} rows={rows} value={value} onInput={(event) => onValue((event.currentTarget as HTMLTextAreaElement).value)} />}
    </FieldFrame>
  );
}

/** The lines of a text area as a list: trimmed, blanks and repeats dropped. */
export function lines(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,]+/)
        .map((line) => line.trim())
        .filter(Boolean),
    ),
  ];
}
