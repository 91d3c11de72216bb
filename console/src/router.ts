import { useEffect, useState } from 'preact/hooks';

/**
 * A small history router: the console's URLs are real paths under /console (the server answers
 * index.html for every one of them), so any screen can be bookmarked, reloaded and shared.
 */
export const BASE = '/console';

function currentPath(): string {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return path === '' ? '/' : path;
}

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => {
  for (const listener of listeners) listener();
});

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const url = `${BASE}${path}`;
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  for (const listener of listeners) listener();
  window.scrollTo(0, 0);
}

/** The path after /console, with its query string, kept current. */
export function useLocation(): { path: string; search: URLSearchParams } {
  const [state, setState] = useState(() => ({ path: currentPath(), search: new URLSearchParams(location.search) }));
  useEffect(() => {
    const update = () => setState({ path: currentPath(), search: new URLSearchParams(location.search) });
    listeners.add(update);
    return () => void listeners.delete(update);
  }, []);
  return state;
}

/** Matches `/realms/:realm_id/identities/:identity_id` against a path; params are decoded. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const h = have[i] as string;
    if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(h);
    else if (w !== h) return null;
  }
  return params;
}

/** Plain left clicks on a console link navigate in place; other clicks keep the browser's meaning. */
export function onLinkClick(event: MouseEvent, path: string): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(path);
}
