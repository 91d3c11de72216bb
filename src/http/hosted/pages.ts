import { escapeHtml } from '../../domain/text.js';

/** The hosted pages allow only their own files: no inline script or style, no framing. */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export interface PageParts {
  title: string;
  heading: string;
  script?: string;
  data?: Record<string, string>;
  body: string;
  status?: { state: string; reason: string; message: string };
  /** A page with more to show than one button (the account page): wider, top-aligned. */
  wide?: boolean;
}

/** One hosted page: the shared stylesheet, at most one script of its own, a live status line last. */
export function page(parts: PageParts): string {
  const data = Object.entries(parts.data ?? {})
    .map(([k, v]) => ` data-${k}="${escapeHtml(v)}"`)
    .join('');
  const status = parts.status ?? { state: 'ready', reason: '', message: '' };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(parts.title)}</title>
<link rel="stylesheet" href="/hosted/assets/style.css">
${parts.script ? `<script type="module" src="/hosted/assets/${parts.script}"></script>` : ''}
</head>
<body>
<main${data}${parts.wide ? ' class="wide"' : ''}>
<h1>${escapeHtml(parts.heading)}</h1>
${parts.body}
<p id="status" role="status" aria-live="polite" data-state="${escapeHtml(status.state)}" data-reason="${escapeHtml(status.reason)}">${escapeHtml(status.message)}</p>
</main>
</body>
</html>
`;
}

export function enrollPage(displayName: string, urls: { options: string; verify: string }): string {
  return page({
    title: 'Create a passkey',
    heading: `Create a passkey for ${displayName}`,
    script: 'enroll.js',
    data: { 'options-url': urls.options, 'verify-url': urls.verify },
    body: `<p>A passkey lets you sign in with your device's screen lock (fingerprint, face or PIN) instead of a password.</p>
<button id="register" type="button">Create passkey</button>`,
  });
}

export function enrollErrorPage(reason: string, message: string): string {
  return page({
    title: 'Create a passkey',
    heading: 'This link cannot be used',
    body: '',
    status: { state: 'error', reason, message },
  });
}

/** The app launcher: the tiles of the signed-in person, plain links (no script needed). */
export function launcherPage(
  realmName: string,
  person: string,
  tiles: readonly { id: string; name: string; url: string | null; icon: string | null }[],
): string {
  const items = tiles
    .map((tile) => {
      const icon = tile.icon ? `<img src="${escapeHtml(tile.icon)}" alt="" width="32" height="32"> ` : '';
      const label = `${icon}<span>${escapeHtml(tile.name)}</span>`;
      return `<li data-sso-config-id="${escapeHtml(tile.id)}">${
        tile.url ? `<a href="${escapeHtml(tile.url)}" rel="noopener noreferrer">${label}</a>` : label
      }</li>`;
    })
    .join('\n');
  return page({
    title: `${realmName}: your applications`,
    heading: 'Your applications',
    body: `<p>Signed in to ${escapeHtml(realmName)} as ${escapeHtml(person)}.</p>
${tiles.length > 0 ? `<ul id="tiles" class="tiles">\n${items}\n</ul>` : '<p id="no-tiles">No application is assigned to you yet.</p>'}`,
  });
}

export function signInErrorPage(reason: string, message: string): string {
  return page({
    title: 'Sign in',
    heading: 'This sign-in link cannot be used',
    body: '',
    status: { state: 'error', reason, message },
  });
}

/** `returnTo`, already checked by the server, is the only place the page's script goes after signing in. */
/** A sign-in page's way to an upstream identity provider the realm offers: where its trip starts. */
export interface ProviderLink {
  id: string;
  name: string;
  url: string;
}

/** "Sign in with <provider>" links (plain links: the trip starts with a GET, like a binding link's). */
export function providerLinks(providers: readonly ProviderLink[]): string {
  if (providers.length === 0) return '';
  const items = providers.map(
    (p) =>
      `<li><a class="identity-provider" data-identity-provider-id="${escapeHtml(p.id)}" href="${escapeHtml(p.url)}">Sign in with ${escapeHtml(p.name)}</a></li>`,
  );
  return `\n<ul id="identity-providers">${items.join('')}</ul>`;
}

export function signInPage(
  realmName: string,
  urls: { options: string; verify: string; session: string; signOut: string },
  returnTo?: string,
  providers: readonly ProviderLink[] = [],
): string {
  return page({
    title: `Sign in to ${realmName}`,
    heading: `Sign in to ${realmName}`,
    script: 'sign-in.js',
    data: {
      'options-url': urls.options,
      'verify-url': urls.verify,
      'session-url': urls.session,
      'sign-out-url': urls.signOut,
      ...(returnTo !== undefined ? { 'return-to': returnTo } : {}),
    },
    body: `<p>Sign in with your passkey. There is nothing to type.</p>
<button id="sign-in" type="button">Sign in with a passkey</button>${providerLinks(providers)}
<button id="sign-out" type="button" hidden>Sign out</button>`,
  });
}
