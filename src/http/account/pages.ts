import { escapeHtml } from '../../domain/text.js';
import { page } from '../hosted/pages.js';

/**
 * The account page's shell. Nothing personal is in the HTML: its script (`account.js`) asks
 * `account/data` with the session cookie and fills the sections in with text nodes only. Signed
 * out, it shows the way to the realm's sign-in page, which comes back here.
 */
export function accountPage(realmName: string, base: string): string {
  const accountPath = `${base}/account`;
  const signIn = `${base}/sign-in?return_to=${encodeURIComponent(accountPath)}`;
  return page({
    title: `Your ${realmName} account`,
    heading: `Your ${realmName} account`,
    script: 'account.js',
    wide: true,
    data: { base: accountPath, 'sign-out-url': `${base}/sign-out` },
    body: `<section id="signed-out" hidden aria-labelledby="signed-out-heading">
<h2 id="signed-out-heading">Sign in to see your account</h2>
<p>You sign in with a passkey: there is nothing to type.</p>
<p><a class="button" id="sign-in" href="${escapeHtml(signIn)}">Sign in with a passkey</a></p>
<p><a id="lost" href="${escapeHtml(`${accountPath}/recovery`)}">Lost every device with your passkeys?</a></p>
</section>
<div id="account" hidden>
<section aria-labelledby="profile-heading">
<h2 id="profile-heading">Profile</h2>
<dl id="profile">
<dt>Name</dt><dd id="profile-name"></dd>
<dt>Username</dt><dd id="profile-username"></dd>
<dt>Email</dt><dd id="profile-email"></dd>
</dl>
</section>
<section aria-labelledby="passkeys-heading">
<h2 id="passkeys-heading">Passkeys</h2>
<p class="hint">Adding or removing a passkey first asks you to confirm it is you with a passkey you already have.</p>
<ul id="passkeys" class="passkeys"></ul>
<button id="add-passkey" type="button">Add a passkey</button>
</section>
<section aria-labelledby="sign-ins-heading">
<h2 id="sign-ins-heading">Recent sign-ins</h2>
<div class="table-wrap">
<table id="sign-ins">
<thead><tr><th scope="col">Time</th><th scope="col">Application</th><th scope="col">Address</th></tr></thead>
<tbody></tbody>
</table>
</div>
</section>
<section aria-labelledby="sessions-heading">
<h2 id="sessions-heading">Sessions</h2>
<p>Signing out everywhere ends every session of yours: in this browser, on your other devices, and in every application you signed in to with this account.</p>
<div class="actions">
<button id="sign-out-everywhere" type="button" class="danger">Sign out everywhere</button>
<button id="sign-out" type="button" class="secondary">Sign out of this browser</button>
</div>
</section>
</div>`,
  });
}

export function recoveryPage(realmName: string, base: string): string {
  const accountPath = `${base}/account`;
  return page({
    title: `Get a new passkey for ${realmName}`,
    heading: 'Lost every device with your passkeys?',
    script: 'recovery.js',
    data: { 'recovery-url': `${accountPath}/recovery` },
    body: `<p>Tell us your username or email address. If it belongs to an account of ${escapeHtml(realmName)} that may add passkeys, we send a link to its email address: open it on your new device to create a passkey there. Your old passkeys stay on your account until you remove them.</p>
<form id="recovery" novalidate>
<label for="identifier">Username or email address</label>
<input id="identifier" name="identifier" type="text" autocomplete="username" required maxlength="320" spellcheck="false" autocapitalize="none">
<button type="submit">Send me a new link</button>
</form>
<p><a href="${escapeHtml(accountPath)}">Back to your account</a></p>`,
  });
}
