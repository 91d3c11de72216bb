import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';

/**
 * The hosted sign-in page sends the freshly signed-in person to `return_to`. Only the server
 * decides where that may be: a path under this site's own console or hosted pages, spelled so
 * that every URL parser reads the same path. Anything else is a 400 page with no sign-in on it,
 * and the page's script follows only the value the server put in the page.
 */
const HOSTILE = [
  '//evil.example/',
  '/.//evil.example',
  '/..//evil.example',
  '/%2e%2e//evil.example',
  '/%2E%2E/%2Fevil.example',
  '/\\evil.example',
  '/\\\\evil.example',
  '/%5cevil.example',
  '/%5Cevil.example',
  '/\t/evil.example',
  '/console/\n/evil.example',
  '/console/../..//evil.example',
  '/console/./../../evil.example',
  '/console//evil.example',
  '/console/%2f%2fevil.example',
  'https://evil.example/console/',
  'javascript:alert(1)',
  '\\\\evil.example',
  ' /console/',
  '/console/ ',
  'console/',
  '/elsewhere/',
  '/v1/tenants',
  '/consolex/',
];

describeApi('hosted sign-in return_to', () => {
  let y: TestYonder;
  let signInPath: string;
  beforeAll(async () => {
    y = await TestYonder.start();
    signInPath = `/hosted/tenants/${y.tenantId}/realms/${y.adminRealmId}/sign-in`;
  });
  afterAll(async () => y?.close());

  const page = (returnTo: string) => y.request('GET', `${signInPath}?return_to=${encodeURIComponent(returnTo)}`, { token: null });
  const returnToIn = (html: string) => /data-return-to="([^"]*)"/.exec(html)?.[1];

  it('GET sign-in with return_to leading off this site (however spelled) is a 400 page without a sign-in button', async () => {
    for (const hostile of HOSTILE) {
      const reply = await page(hostile);
      expect(reply.status, JSON.stringify(hostile)).toBe(400);
      expect(reply.headers['content-type']).toMatch(/^text\/html/);
      expect(reply.text).not.toContain('id="sign-in"');
      expect(reply.text).toContain('data-reason="invalid_return_to"');
    }
  });

  it('GET sign-in with return_to under /console/ or /hosted/ puts exactly that path in the page for its script', async () => {
    for (const good of ['/console/', '/console/identities?x=1&y=%20z#top', `/hosted/tenants/${y.tenantId}/realms/${y.adminRealmId}/sign-in`]) {
      const reply = await page(good);
      expect(reply.status, good).toBe(200);
      expect(returnToIn(reply.text)?.replaceAll('&amp;', '&')).toBe(good);
    }
  });

  it('GET sign-in without return_to stays on the page (no return path in it)', async () => {
    const reply = await y.request('GET', signInPath, { token: null });
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('id="sign-in"');
    expect(returnToIn(reply.text)).toBeUndefined();
  });

  it("the sign-in script goes only where the page says, never to the address bar's return_to", async () => {
    const script = (await y.request('GET', '/hosted/assets/sign-in.js', { token: null })).text;
    expect(script).toContain('main.dataset.returnTo');
    expect(script).not.toContain('return_to');
  });
});
