import { useState } from 'preact/hooks';

/**
 * Keyset paging as the v1 API does it: each page hands back a `next_page_token`; going back
 * replays the tokens seen so far.
 */
export function usePager() {
  const [tokens, setTokens] = useState<string[]>([]);
  const current = tokens[tokens.length - 1];
  return {
    pageToken: current,
    page: tokens.length + 1,
    next: (token: string) => setTokens((t) => [...t, token]),
    previous: () => setTokens((t) => t.slice(0, -1)),
    reset: () => setTokens([]),
  };
}

export function Pager({ pager, nextToken }: { pager: ReturnType<typeof usePager>; nextToken: string | undefined }) {
  if (pager.page === 1 && !nextToken) return null;
  return (
    <nav class="pager" aria-label="Pages">
      <button type="button" class="button button-secondary" disabled={pager.page === 1} onClick={pager.previous}>
        Previous
      </button>
      <span>Page {pager.page}</span>
      <button type="button" class="button button-secondary" disabled={!nextToken} onClick={() => nextToken && pager.next(nextToken)}>
        Next
      </button>
    </nav>
  );
}
