import { render } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { Api, type ConsoleConfig, SessionEnded, loadConfig } from './api';
import { Console, type ConsoleContext } from './context';
import { useLoad } from './hooks';
import { Layout } from './layout';
import { match, navigate, useLocation } from './router';
import { SCREENS } from './screens/index';
import type { Realm, Reply } from './types';
import { Loading, Notice } from './ui/notice';

type State =
  | { kind: 'loading' }
  | { kind: 'signed-out'; config: ConsoleConfig; message?: string }
  | { kind: 'forbidden'; config: ConsoleConfig; message: string; api: Api }
  | { kind: 'ready'; api: Api }
  | { kind: 'unavailable'; message: string };

function App() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const start = useCallback(async () => {
    let config: ConsoleConfig;
    try {
      config = await loadConfig();
    } catch (error) {
      setState({ kind: 'unavailable', message: error instanceof Error ? error.message : String(error) });
      return;
    }
    const ended = (why: SessionEnded) =>
      setState(
        why.reason === 'forbidden'
          ? { kind: 'forbidden', config, message: why.message, api }
          : { kind: 'signed-out', config, message: 'Your session has ended. Sign in again.' },
      );
    const api = new Api(config, ended);
    try {
      await api.start();
      setState({ kind: 'ready', api });
    } catch (error) {
      if (error instanceof SessionEnded) {
        if (error.reason === 'forbidden') setState({ kind: 'forbidden', config, message: error.message, api });
        else setState({ kind: 'signed-out', config });
      } else setState({ kind: 'unavailable', message: error instanceof Error ? error.message : String(error) });
    }
  }, []);
  useEffect(() => void start(), [start]);

  switch (state.kind) {
    case 'loading':
      return <Loading label="Opening the console…" />;
    case 'unavailable':
      return (
        <main class="gate">
          <h1>The console is unavailable</h1>
          <Notice kind="error">{state.message}</Notice>
          <button type="button" class="button button-primary" onClick={() => void start()}>
            Try again
          </button>
        </main>
      );
    case 'signed-out':
      return (
        <main class="gate">
          <h1>yonder Admin Console</h1>
          {state.message ? <Notice>{state.message}</Notice> : null}
          <p>Sign in with your passkey to manage your directory.</p>
          <a class="button button-primary" href={state.config.sign_in_url}>
            Sign in with a passkey
          </a>
        </main>
      );
    case 'forbidden':
      return (
        <main class="gate">
          <h1>No access to the Admin Console</h1>
          <Notice kind="error">{state.message}</Notice>
          <p>Ask an administrator to add you to the Administrators group.</p>
          <button
            type="button"
            class="button button-secondary"
            onClick={async () => {
              await state.api.signOut();
              setState({ kind: 'signed-out', config: state.config });
            }}
          >
            Sign out
          </button>
        </main>
      );
    case 'ready':
      return (
        <Signed
          api={state.api}
          onSignOut={async () => {
            await state.api.signOut();
            setState({ kind: 'signed-out', config: state.api.config, message: 'You have signed out.' });
          }}
        />
      );
  }
}

/** Picks the realm a bare /console opens on: "Default" if there is one, else the first non-admin realm. */
function homeRealm(realms: Realm[], adminRealmId: string): Realm | undefined {
  return realms.find((r) => r.display_name === 'Default') ?? realms.find((r) => r.id !== adminRealmId) ?? realms[0];
}

function Signed({ api, onSignOut }: { api: Api; onSignOut: () => void }) {
  const { path } = useLocation();
  const realms = useLoad(() => api.get<Reply<'ListRealms'>>('/realms?page_size=200').then((r) => r.realms), [api]);
  const [toast, setToast] = useState<{ text: string; path: string } | null>(null);
  const announce = useCallback((text: string) => setToast({ text, path: location.pathname }), []);
  // A confirmation belongs to the page it was announced on, or to the page the action went to
  // next ("Deleted" shown on the list after leaving the deleted identity); after that it is stale.
  useEffect(() => {
    setToast((current) => {
      if (!current) return current;
      if (current.path === location.pathname) return current;
      return current.path === '' ? null : { ...current, path: '' };
    });
  }, [path]);
  const message = toast?.text ?? '';
  const setMessage = (text: string) => (text ? announce(text) : setToast(null));

  const routed = useMemo(() => {
    for (const screen of SCREENS) {
      const params = match(`/realms/:realm_id${screen.path === '/' ? '' : screen.path}`, path);
      if (params) return { screen, params };
    }
    return null;
  }, [path]);

  useEffect(() => {
    if (routed || !realms.data) return;
    const home = homeRealm(realms.data, api.config.admin_realm_id);
    if (home && (path === '/' || path === '')) navigate(`/realms/${home.id}/identities`, { replace: true });
  }, [routed, realms.data, path, api]);

  if (realms.loading && !realms.data) return <Loading label="Loading realms…" />;
  if (realms.error) {
    return (
      <main class="gate">
        <h1>The realms could not be loaded</h1>
        <Notice kind="error">{realms.error.message}</Notice>
        <button type="button" class="button button-primary" onClick={realms.reload}>
          Try again
        </button>
      </main>
    );
  }
  const list = realms.data ?? [];
  if (!routed) {
    return (
      <main class="gate">
        <h1>Page not found</h1>
        <p>There is no console page at this address.</p>
      </main>
    );
  }
  const realmId = routed.params.realm_id as string;
  const context: ConsoleContext = { api, realmId, realms: list, reloadRealms: realms.reload, announce };
  const { screen, params } = routed;
  const Screen = screen.component;
  const allowed = !screen.scope || api.can(screen.scope);
  const navPath = SCREENS.find((s) => s.nav && (screen.path === s.path || screen.path.startsWith(`${s.path}/`)))?.path ?? screen.path;
  return (
    <Console.Provider value={context}>
      <Layout current={navPath} title={screen.title} onSignOut={onSignOut}>
        {message ? (
          <div class="toast" role="status">
            {message}
            <button type="button" class="icon-button" aria-label="Dismiss" onClick={() => setMessage('')}>
              ×
            </button>
          </div>
        ) : null}
        {!list.some((r) => r.id === realmId) ? (
          <section>
            <h1 tabIndex={-1}>Unknown realm</h1>
            <p>This tenant has no realm with the id {realmId}.</p>
          </section>
        ) : allowed ? (
          <Screen key={`${realmId}:${screen.path}`} params={params} />
        ) : (
          <section>
            <h1 tabIndex={-1}>{screen.title}</h1>
            <Notice kind="error">Your roles do not include the {screen.scope} scope this page needs.</Notice>
          </section>
        )}
      </Layout>
    </Console.Provider>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
