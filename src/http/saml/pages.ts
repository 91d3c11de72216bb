import { escapeHtml } from '../../domain/text.js';

/**
 * The page that carries a signed SAML Response to the service provider: a form posted by a small
 * script file (no inline script), with a button for a browser that runs none. Its CSP lets forms go
 * to the ACS URL's origin alone.
 */
export const POST_SCRIPT_PATH = '/hosted/assets/saml/post.js';
export const POST_SCRIPT = "document.getElementById('saml-post').submit();\n";

export function postPageCsp(acsUrl: string): string {
  return (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
    `form-action ${new URL(acsUrl).origin}; frame-ancestors 'none'; base-uri 'none'`
  );
}

export function postPage(applicationName: string, post: { acsUrl: string; samlResponse: string; relayState: string | null }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Signing in to ${escapeHtml(applicationName)}</title>
<link rel="stylesheet" href="/hosted/assets/style.css">
<script src="${POST_SCRIPT_PATH}" defer></script>
</head>
<body>
<main>
<h1>Signing in to ${escapeHtml(applicationName)}</h1>
<form id="saml-post" method="post" action="${escapeHtml(post.acsUrl)}">
<input type="hidden" name="SAMLResponse" value="${escapeHtml(post.samlResponse)}">
${post.relayState === null ? '' : `<input type="hidden" name="RelayState" value="${escapeHtml(post.relayState)}">`}
<button type="submit">Continue</button>
</form>
</main>
</body>
</html>
`;
}
