import { useId, useRef, useState } from 'preact/hooks';

/** A value the user must take away (a token, a link, a URL): read-only, selectable, one-click copy. */
export function CopyField({ label, value, secret = false }: { label: string; value: string; secret?: boolean }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Clipboard refused (insecure origin, permissions): select it so Ctrl+C works.
      input.current?.select();
      document.execCommand?.('copy');
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <div class="field copy-field">
      <label for={id}>{label}</label>
      <div class="copy-row">
        <input ref={input} id={id} readOnly value={value} class={secret ? 'secret' : ''} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="button button-secondary" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <span class="visually-hidden" role="status">
        {copied ? `${label} copied` : ''}
      </span>
    </div>
  );
}
