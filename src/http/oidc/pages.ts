import { escapeHtml } from '../../domain/text.js';
import { type ProviderLink, providerLinks } from '../hosted/pages.js';

/**
 * The pages a person sees during an OpenID Connect sign-in besides the passkey page: an error that
 * cannot go back to the application, the sign-out question and its answer. They carry no script and
 * use the hosted pages' stylesheet, under the hosted pages' CSP.
 */
function page(title: string, heading: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/hosted/assets/style.css">
</head>
<body>
<main>
<h1>${escapeHtml(heading)}</h1>
${body}
</main>
</body>
</html>
`;
}

/** Never a redirect: the request named no client or no registered redirect URI to send it to. */
export function oidcErrorPage(error: string, description: string): string {
  return page(
    'Sign in',
    'This sign-in cannot continue',
    `<p id="status" role="status" data-state="error" data-reason="${escapeHtml(error)}">${escapeHtml(description || error)}</p>`,
  );
}

/** The provider's own form (a hidden xsrf field) with yonder's words around it. */
export function oidcLogoutPage(applicationName: string, form: string): string {
  return page(
    'Sign out',
    `Sign out of ${applicationName}?`,
    `${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Sign out</button>
<button type="submit" form="op.logoutForm">Stay signed in</button>`,
  );
}

export function oidcSignedOutPage(applicationName: string): string {
  return page('Signed out', 'You are signed out', `<p>You are signed out of ${escapeHtml(applicationName)}.</p>`);
}

/** The sign-in ended without letting the person in: why, and the way back to the application. */
export function oidcRefusedPage(message: string, reason: string, returnTo: string): string {
  return page(
    'Sign in',
    'You cannot sign in here',
    `<p id="status" role="status" data-state="error" data-reason="${escapeHtml(reason)}">${escapeHtml(message)}</p>
<p><a href="${escapeHtml(returnTo)}">Back to the application</a></p>`,
  );
}

/**
 * The passkey step of an application's sign-in. Its script (`SIGN_IN_SCRIPT`) begins the ceremony,
 * and goes to `returnTo` (the provider's resume URL, the only place it goes) once the server has
 * finished the interaction: signed in, or refused with the way back shown.
 */
export function oidcSignInPage(
  applicationName: string,
  realmName: string,
  urls: { options: string; verify: string },
  returnTo: string,
  providers: readonly ProviderLink[] = [],
): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in to ${escapeHtml(applicationName)}</title>
<link rel="stylesheet" href="/hosted/assets/style.css">
<script type="module" src="${SIGN_IN_SCRIPT_PATH}"></script>
</head>
<body>
<main data-options-url="${escapeHtml(urls.options)}" data-verify-url="${escapeHtml(urls.verify)}" data-return-to="${escapeHtml(returnTo)}">
<h1>Sign in to ${escapeHtml(applicationName)}</h1>
<p>Sign in with your ${escapeHtml(realmName)} passkey. There is nothing to type.</p>
<button id="sign-in" type="button">Sign in with a passkey</button>${providerLinks(providers)}
<p><a id="back" href="${escapeHtml(returnTo)}" hidden>Back to the application</a></p>
<p id="status" role="status" aria-live="polite" data-state="ready" data-reason=""></p>
</main>
</body>
</html>
`;
}

export const SIGN_IN_SCRIPT_PATH = '/hosted/assets/oidc/sign-in.js';

export const SIGN_IN_SCRIPT = `
import { browserSupportsWebAuthn, startAuthentication } from '../simplewebauthn/index.js';
import { browserFailure, show } from '../common.js';

const main = document.querySelector('main');
const button = document.getElementById('sign-in');
const back = document.getElementById('back');

async function post(url, body) {
  const reply = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
  return { ok: reply.ok, json: await reply.json().catch(() => ({})) };
}

if (!browserSupportsWebAuthn()) {
  button.disabled = true;
  show('error', 'unsupported', 'This browser does not support passkeys. Use a current browser on a device with a screen lock.');
} else {
  button.addEventListener('click', async () => {
    button.disabled = true;
    show('working', '', 'Follow the prompt on your device.');
    try {
      const begun = await post(main.dataset.optionsUrl, {});
      if (!begun.ok) throw Object.assign(new Error(begun.json.message), { reason: begun.json.reason });
      const response = await startAuthentication({ optionsJSON: begun.json.options });
      const done = await post(main.dataset.verifyUrl, { challenge_id: begun.json.challenge_id, response });
      if (done.ok) return location.assign(main.dataset.returnTo);
      show('error', done.json.reason || 'failed', done.json.message || 'Something went wrong. Try again.');
      // Refused for good: the application hears access_denied when the person goes back.
      if (done.json.redirect_uri) back.hidden = false;
      else button.disabled = false;
    } catch (error) {
      const [reason, message] = browserFailure(error, 'sign in');
      show('error', reason, message);
      button.disabled = false;
    }
  });
}
`;
