import { useEffect, useId, useState } from 'preact/hooks';
import { query } from '../api';
import { realmPath, useConsole } from '../context';
import type { Identity, Reply } from '../types';

/** A SCIM filter string literal: quotes and backslashes escaped. */
function literal(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The API's filter for "starts with" on username, email or display name. */
export function identitySearchFilter(text: string): string {
  const value = literal(text.trim());
  return `traits.username sw ${value} or traits.primary_email_address sw ${value} or display_name sw ${value}`;
}

type Props = {
  label: string;
  /** Called with the identity picked from the results. */
  onPick: (identity: Identity) => void;
  /** Ids not to offer again (already members). */
  exclude?: string[];
  hint?: string;
};

/**
 * Finds an identity of the current realm by typing the start of a username, email or name (the
 * API's filter does the search), then picks it from a list of buttons: all of it by keyboard.
 */
export function IdentitySearch({ label, onPick, exclude = [], hint }: Props) {
  const { api, realmId } = useConsole();
  const id = useId();
  const [text, setText] = useState('');
  const [results, setResults] = useState<Identity[]>([]);
  const [state, setState] = useState<'idle' | 'searching' | 'done' | 'error'>('idle');
  const [message, setMessage] = useState('');

  useEffect(() => {
    if (text.trim() === '') {
      setResults([]);
      setState('idle');
      return;
    }
    let current = true;
    setState('searching');
    // Typing settles for a moment before asking the server.
    const timer = setTimeout(() => {
      api.get<Reply<'ListIdentities'>>(realmPath(realmId, `/identities${query({ filter: identitySearchFilter(text), page_size: 8 })}`)).then(
        (page) => {
          if (!current) return;
          setResults(page.identities);
          setState('done');
        },
        (error: Error) => {
          if (!current) return;
          setMessage(error.message);
          setState('error');
        },
      );
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, api, realmId]);

  const shown = results.filter((identity) => !exclude.includes(identity.id));
  return (
    <div class="field identity-search">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder="Username, email or name"
        autoComplete="off"
        aria-describedby={hint ? `${id}-hint` : undefined}
        onInput={(event) => setText((event.currentTarget as HTMLInputElement).value)}
      />
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <div role="status" class="hint">
        {state === 'searching' ? 'Searching…' : state === 'error' ? message : state === 'done' && shown.length === 0 ? 'No identity matches.' : ''}
      </div>
      {shown.length > 0 ? (
        <ul class="pick-list" aria-label={`${label}: results`}>
          {shown.map((identity) => (
            <li key={identity.id}>
              <button
                type="button"
                class="button button-secondary"
                onClick={() => {
                  onPick(identity);
                  setText('');
                }}
              >
                {identity.display_name} <span class="hint">{identity.traits.username ?? identity.id}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
