/**
 * The account page's scripts, served with the hosted pages' other assets (no inline script). They
 * build every personal value into the page as text nodes, never as HTML.
 */

const ACCOUNT = `
import { browserSupportsWebAuthn, startAuthentication, startRegistration } from './simplewebauthn/index.js';
import { browserFailure, post, show } from './common.js';

const main = document.querySelector('main');
const base = main.dataset.base;
const $ = (id) => document.getElementById(id);
let view = null;

// The header only this page's script sends: the server refuses a state change without it (CSRF).
const call = (path, body) => post(base + path, body, { 'x-yonder-account': '1' });

const when = (time) => (time ? new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : 'never');

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function signedOut(message) {
  view = null;
  main.dataset.view = 'signed-out';
  $('account').hidden = true;
  $('signed-out').hidden = false;
  if (message) show('ok', '', message);
}

function passkeyItem(passkey, count) {
  const headingId = 'passkey-' + passkey.id;
  const inputId = 'rename-' + passkey.id;
  const kind = passkey.device === 'synced' ? 'Synced passkey' : 'Device-bound passkey';
  const form = el('form', { class: 'rename', hidden: true },
    el('label', { for: inputId, text: 'New name for ' + passkey.name }),
    el('input', { id: inputId, type: 'text', maxlength: '64', required: true, value: passkey.name, autocomplete: 'off' }),
    el('div', { class: 'actions' },
      el('button', { type: 'submit', text: 'Save name' }),
      el('button', { type: 'button', class: 'secondary', text: 'Cancel', onclick: () => { form.hidden = true; renameButton.focus(); } }),
    ),
  );
  const renameButton = el('button', { type: 'button', class: 'secondary', 'aria-label': 'Rename ' + passkey.name, text: 'Rename',
    onclick: () => { form.hidden = false; form.querySelector('input').select(); form.querySelector('input').focus(); } });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = form.querySelector('input').value;
    try {
      await call('/passkeys/' + encodeURIComponent(passkey.id) + '/rename', { name });
      await refresh();
      show('ok', '', 'Renamed the passkey to ' + name.trim() + '.');
      document.getElementById(headingId)?.focus();
    } catch (error) {
      const [reason, message] = browserFailure(error, 'rename the passkey');
      show('error', reason, message);
    }
  });
  const removeButton = el('button', { type: 'button', class: 'danger', 'aria-label': 'Remove ' + passkey.name, text: 'Remove',
    onclick: () => remove(passkey, count) });
  return el('li', { class: 'passkey', 'data-passkey-id': passkey.id },
    el('div', { class: 'passkey-head' },
      el('h3', { id: headingId, tabindex: '-1', text: passkey.name }),
      passkey.current ? el('span', { class: 'badge', text: 'Signed in with this one' }) : null,
    ),
    el('p', { class: 'meta', text: kind + (passkey.provider && passkey.provider !== passkey.name ? ' · ' + passkey.provider : '') }),
    el('p', { class: 'meta', text: 'Added ' + when(passkey.create_time) + ' · Last used ' + when(passkey.last_used_time) }),
    el('div', { class: 'actions' }, renameButton, removeButton),
    form,
  );
}

function render(next) {
  view = next;
  main.dataset.view = 'account';
  $('signed-out').hidden = true;
  $('account').hidden = false;
  main.dataset.identityId = next.identity.id;
  $('profile-name').textContent = next.identity.display_name;
  $('profile-username').textContent = next.identity.username;
  $('profile-email').textContent = next.identity.email ?? 'No email address';
  $('passkeys').replaceChildren(...next.passkeys.map((p) => passkeyItem(p, next.passkeys.length)));
  const rows = next.sign_ins.map((s) => el('tr', {}, el('td', { text: when(s.time) }), el('td', { text: s.application }), el('td', { text: s.address ?? 'unknown' })));
  if (rows.length === 0) rows.push(el('tr', {}, el('td', { colspan: '3', text: 'No sign-ins yet.' })));
  $('sign-ins').tBodies[0].replaceChildren(...rows);
}

async function refresh() {
  const reply = await fetch(base + '/data', { credentials: 'same-origin' });
  if (reply.status === 401) return signedOut();
  if (!reply.ok) return show('error', 'failed', 'Your account could not be loaded. Reload the page to try again.');
  render(await reply.json());
}

/** Asks for a passkey again (not exceptId's): adding or removing one may follow for a few minutes. */
async function reauthenticate(exceptId) {
  const fresh = view.reauthenticated_until && Date.parse(view.reauthenticated_until) - Date.now() > 10000;
  if (fresh && !exceptId) return;
  show('working', '', exceptId ? 'Confirm it is you with another of your passkeys.' : 'Confirm it is you with one of your passkeys.');
  const begun = await call('/reauthentication/options', exceptId ? { except_passkey_id: exceptId } : {});
  const response = await startAuthentication({ optionsJSON: begun.options });
  render(await call('/reauthentication', { challenge_id: begun.challenge_id, response }));
}

async function add() {
  const button = $('add-passkey');
  button.disabled = true;
  try {
    await reauthenticate();
    show('working', '', 'Follow the prompt on the device that should hold the new passkey.');
    const begun = await call('/passkeys/options');
    const response = await startRegistration({ optionsJSON: begun.options });
    const added = await call('/passkeys', { challenge_id: begun.challenge_id, response });
    await refresh();
    show('ok', '', 'Added a passkey: ' + added.name + '. You can rename it below.');
    document.getElementById('passkey-' + added.id)?.focus();
  } catch (error) {
    const [reason, message] = browserFailure(error, 'add the passkey');
    show('error', reason, message);
  } finally {
    button.disabled = false;
  }
}

async function remove(passkey, count) {
  try {
    // Another passkey vouches for the removal; the last one (where the realm allows removing it)
    // vouches for itself; else the server refuses before any prompt.
    if (count > 1) await reauthenticate(passkey.id);
    else if (view.settings.allow_removing_last_passkey) await reauthenticate();
    const after = await call('/passkeys/' + encodeURIComponent(passkey.id) + '/remove');
    if (after.signed_out) return signedOut('Removed your last passkey, so you are signed out. Lost devices? Ask for a new link below.');
    render(after);
    show('ok', '', 'Removed the passkey ' + passkey.name + '. It no longer signs you in anywhere.');
    $('passkeys-heading').focus();
  } catch (error) {
    const [reason, message] = browserFailure(error, 'remove the passkey');
    show('error', reason, message);
  }
}

$('passkeys-heading').setAttribute('tabindex', '-1');
$('add-passkey').addEventListener('click', add);
$('sign-out-everywhere').addEventListener('click', async () => {
  try {
    await call('/sign-out-everywhere');
    signedOut('You are signed out everywhere: every session of yours has ended.');
    $('sign-in').focus();
  } catch (error) {
    const [reason, message] = browserFailure(error, 'sign out everywhere');
    show('error', reason, message);
  }
});
$('sign-out').addEventListener('click', async () => {
  await fetch(main.dataset.signOutUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', credentials: 'same-origin' });
  signedOut('You are signed out of this browser.');
  $('sign-in').focus();
});
if (!browserSupportsWebAuthn()) {
  $('add-passkey').disabled = true;
  show('error', 'unsupported', 'This browser does not support passkeys. Use a current browser on a device with a screen lock.');
}
refresh().catch(() => show('error', 'failed', 'Your account could not be loaded.'));
`;

const RECOVERY = `
import { show } from './common.js';

const main = document.querySelector('main');
const form = document.getElementById('recovery');
const input = document.getElementById('identifier');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (input.value.trim() === '') {
    input.setAttribute('aria-invalid', 'true');
    show('error', 'missing', 'Enter your username or email address.');
    input.focus();
    return;
  }
  input.removeAttribute('aria-invalid');
  const button = form.querySelector('button');
  button.disabled = true;
  show('working', '', 'Sending…');
  try {
    const reply = await fetch(main.dataset.recoveryUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-yonder-account': '1' },
      body: JSON.stringify({ identifier: input.value }),
      credentials: 'same-origin',
    });
    const json = await reply.json().catch(() => ({}));
    if (reply.ok) show('ok', '', json.message);
    else show('error', json.reason || 'failed', json.message || 'Something went wrong. Try again.');
  } catch {
    show('error', 'failed', 'Something went wrong. Try again.');
  } finally {
    button.disabled = false;
  }
});
`;

/** Styles the account page adds to the hosted pages' sheet: wider, lists, a table that scrolls on a phone. */
export const ACCOUNT_STYLE = `
[hidden] { display: none !important; }
main.wide #status:not(:empty) { position: sticky; bottom: 0; background: Canvas; padding: 0.6rem 0; margin-bottom: 0; border-top: 1px solid color-mix(in srgb, CanvasText 15%, transparent); }
main.wide { max-width: 46rem; width: 100%; box-sizing: border-box; align-self: start; }
main.wide h2 { font-size: 1.2rem; margin: 2rem 0 0.75rem; }
.hint, .meta { color: GrayText; margin: 0.25rem 0; font-size: 0.95rem; }
dl#profile { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
dl#profile dt { font-weight: 600; }
dl#profile dd { margin: 0; overflow-wrap: anywhere; }
ul.passkeys { list-style: none; padding: 0; margin: 0 0 1rem; display: grid; gap: 0.75rem; }
li.passkey { border: 1px solid color-mix(in srgb, CanvasText 20%, transparent); border-radius: 8px; padding: 0.75rem 1rem; }
.passkey-head { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: baseline; }
.passkey-head h3 { font-size: 1.05rem; margin: 0; overflow-wrap: anywhere; }
.badge { font-size: 0.8rem; padding: 0.1rem 0.5rem; border-radius: 999px; background: #e3ebfb; color: #1a3d8f; }
.actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.5rem; }
button.secondary { background: transparent; color: #1a3d8f; border: 1px solid #4673d3; }
button.danger { background: #b00020; }
a.button { display: inline-block; font: inherit; padding: 0.7rem 1.2rem; border-radius: 6px; background: #4673d3; color: #fff; text-decoration: none; }
a:focus-visible, input:focus-visible, h3:focus-visible, h2:focus-visible { outline: 3px solid #1a3d8f; outline-offset: 2px; }
form.rename, form#recovery { display: grid; gap: 0.4rem; margin-top: 0.75rem; max-width: 24rem; }
input[type="text"] { font: inherit; padding: 0.55rem 0.7rem; border-radius: 6px; border: 1px solid GrayText; background: Field; color: FieldText; }
input[aria-invalid="true"] { border-color: #b00020; }
.table-wrap { overflow-x: auto; }
table#sign-ins { border-collapse: collapse; width: 100%; }
table#sign-ins th, table#sign-ins td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid color-mix(in srgb, CanvasText 15%, transparent); }
@media (max-width: 480px) { main { padding: 1.25rem 1rem; } table#sign-ins th, table#sign-ins td { padding: 0.35rem 0.3rem; font-size: 0.9rem; } }
`;

export const ACCOUNT_ASSETS: Record<string, { type: string; body: string }> = {
  'account.js': { type: 'text/javascript; charset=utf-8', body: ACCOUNT },
  'recovery.js': { type: 'text/javascript; charset=utf-8', body: RECOVERY },
};
