/**
 * The one place yonder loads oidc-provider. Its 9.x line tests Node 22 and up and says so on import
 * ("Unsupported runtime") on Node 20; yonder pins it exactly and runs its OpenID Connect tests on
 * Node 20, so that warning is replaced by one line of yonder's own that says what is true.
 */
type OidcProviderModule = typeof import('oidc-provider');

let loading: Promise<OidcProviderModule> | null = null;

const RUNTIME_WARNING = 'oidc-provider WARNING: Unsupported runtime';

export function loadOidcProvider(log: (line: string) => void): Promise<OidcProviderModule> {
  loading ??= (async () => {
    const warn = console.warn;
    let replaced = false;
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes(RUNTIME_WARNING)) replaced = true;
      else warn(...args);
    };
    try {
      return await import('oidc-provider');
    } finally {
      console.warn = warn;
      if (replaced) {
        log(
          `OpenID Connect: Node ${process.versions.node} is outside oidc-provider 9's tested matrix; ` +
            'yonder pins it at 9.13.3 and covers it with its own tests on this Node line',
        );
      }
    }
  })();
  return loading;
}
