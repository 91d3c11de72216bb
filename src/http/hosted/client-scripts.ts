/**
 * The hosted pages' own scripts and styles, served as files from `/hosted/assets/` (the pages
 * carry no inline script, so the CSP can say `script-src 'self'`). They import SimpleWebAuthn's
 * browser ESM build, served beside them; no bundler.
 */

import { ACCOUNT_ASSETS, ACCOUNT_STYLE } from '../account/client-scripts.js';

const COMMON = String.raw`
export const status = document.getElementById('status');
export function show(state, reason, message) {
  status.dataset.state = state;
  status.dataset.reason = reason;
  status.textContent = message;
}
export async function post(url, body, headers) {
  const reply = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body ?? {}),
    credentials: 'same-origin',
  });
  const json = await reply.json().catch(() => ({}));
  if (!reply.ok) {
    const error = new Error(json.message || 'Something went wrong. Try again.');
    error.reason = json.reason || 'failed';
    throw error;
  }
  return json;
}
/** The browser's own refusals, in words a person can act on. */
export function browserFailure(error, verb) {
  if (error && error.reason) return [error.reason, error.message];
  const name = (error && (error.cause?.name || error.name)) || '';
  if (name === 'NotAllowedError' || error?.code === 'ERROR_CEREMONY_ABORTED') {
    return ['cancelled', 'The passkey prompt was cancelled or timed out. Try again.'];
  }
  if (name === 'InvalidStateError' || error?.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') {
    return ['already_registered', 'This device already holds a passkey for you.'];
  }
  if (name === 'SecurityError') return ['security_error', 'This page cannot use passkeys at this address.'];
  return ['failed', 'Could not ' + verb + ' (' + (error?.message || 'unknown error') + '). Try again.'];
}
`;

const ENROLL = String.raw`
import { browserSupportsWebAuthn, startRegistration } from './simplewebauthn/index.js';
import { browserFailure, post, show } from './common.js';

const main = document.querySelector('main');
const button = document.getElementById('register');
const token = new URLSearchParams(location.search).get('token') || '';
const FINAL = new Set(['invalid_link', 'expired', 'already_used', 'revoked', 'not_sent', 'suspended', 'policy_denied']);

if (!browserSupportsWebAuthn()) {
  button.disabled = true;
  show('error', 'unsupported', 'This browser does not support passkeys. Open the link in a current browser on a device with a screen lock.');
} else {
  button.addEventListener('click', async () => {
    button.disabled = true;
    show('working', '', 'Follow the prompt on your device.');
    try {
      const begun = await post(main.dataset.optionsUrl, { token });
      const response = await startRegistration({ optionsJSON: begun.options });
      const done = await post(main.dataset.verifyUrl, { token, challenge_id: begun.challenge_id, response });
      main.dataset.credentialId = done.credential_id;
      button.hidden = true;
      show('ok', '', 'Your passkey is ready. You can now sign in with it.');
      if (done.redirect_uri) location.assign(done.redirect_uri);
    } catch (error) {
      const [reason, message] = browserFailure(error, 'create the passkey');
      show('error', reason, message);
      button.disabled = FINAL.has(reason);
    }
  });
}
`;

const SIGN_IN = String.raw`
import { browserSupportsWebAuthn, startAuthentication } from './simplewebauthn/index.js';
import { browserFailure, post, show } from './common.js';

const main = document.querySelector('main');
const signIn = document.getElementById('sign-in');
const signOut = document.getElementById('sign-out');
const applicationId = new URLSearchParams(location.search).get('application_id') || undefined;
// Where to go once signed in: only the path the server checked and put in the page (the address
// bar's own parameter is never read, so no spelling of another origin can slip past a check here).
const returnTo = main.dataset.returnTo;

function signedIn(session) {
  main.dataset.identityId = session.identity_id;
  signIn.hidden = true;
  signOut.hidden = false;
  show('ok', '', 'Signed in as ' + session.display_name + '.');
}

async function refresh() {
  const reply = await fetch(main.dataset.sessionUrl, { credentials: 'same-origin' });
  if (reply.ok) signedIn(await reply.json());
}

if (!browserSupportsWebAuthn()) {
  signIn.disabled = true;
  show('error', 'unsupported', 'This browser does not support passkeys. Use a current browser on a device with a screen lock.');
} else {
  signIn.addEventListener('click', async () => {
    signIn.disabled = true;
    show('working', '', 'Follow the prompt on your device.');
    try {
      const begun = await post(main.dataset.optionsUrl, { application_id: applicationId });
      const response = await startAuthentication({ optionsJSON: begun.options });
      signedIn(await post(main.dataset.verifyUrl, { challenge_id: begun.challenge_id, response }));
      if (returnTo) location.assign(returnTo);
    } catch (error) {
      const [reason, message] = browserFailure(error, 'sign in');
      show('error', reason, message);
    } finally {
      signIn.disabled = false;
    }
  });
  signOut.addEventListener('click', async () => {
    await post(main.dataset.signOutUrl, {});
    delete main.dataset.identityId;
    signOut.hidden = true;
    signIn.hidden = false;
    show('ready', '', 'You are signed out.');
  });
  refresh().catch(() => {});
}
`;

const STYLE = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { margin: 0; display: grid; place-items: center; min-height: 100vh; background: Canvas; color: CanvasText; }
main { max-width: 28rem; padding: 2rem; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
button { font: inherit; padding: 0.7rem 1.2rem; border-radius: 6px; border: 0; background: #4673d3; color: #fff; cursor: pointer; }
button:disabled { opacity: 0.5; cursor: default; }
button:focus-visible { outline: 3px solid #1a3d8f; outline-offset: 2px; }
#status { min-height: 1.5em; margin-top: 1rem; }
#status[data-state="error"] { color: #b00020; }
#status[data-state="ok"] { color: #0a7a2f; }
`;

export const ASSETS: Record<string, { type: string; body: string }> = {
  ...ACCOUNT_ASSETS,
  'common.js': { type: 'text/javascript; charset=utf-8', body: COMMON },
  'enroll.js': { type: 'text/javascript; charset=utf-8', body: ENROLL },
  'sign-in.js': { type: 'text/javascript; charset=utf-8', body: SIGN_IN },
  'style.css': { type: 'text/css; charset=utf-8', body: STYLE + ACCOUNT_STYLE },
};
