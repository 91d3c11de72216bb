import { expect, it, vi } from 'vitest';
import { loadOidcProvider } from '../../src/http/oidc/library.js';

/**
 * oidc-provider 9 warns "Unsupported runtime" when imported on Node 20; yonder pins it and covers it
 * with its own tests there, so that warning is replaced by one line of yonder's own.
 */
it("loading oidc-provider on Node 20 logs yonder's one line instead of the library's runtime warning", async () => {
  const warn = vi.spyOn(console, 'warn');
  const lines: string[] = [];
  const library = await loadOidcProvider((line) => lines.push(line));
  expect(typeof library.Provider).toBe('function');
  expect(warn.mock.calls.flat().some((arg) => String(arg).includes('Unsupported runtime'))).toBe(false);
  if (process.release.lts === 'Iron') {
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("outside oidc-provider 9's tested matrix");
  }
  warn.mockRestore();
});
