import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useConsole } from './context';
import { navigate } from './router';
import { SCREENS } from './screens/index';
import { Link } from './ui/link';

const SECTIONS = ['Directory', 'Access', 'Policy', 'Provisioning', 'Tenant'] as const;

type Props = {
  /** The matched screen's nav path (e.g. `/identities`), to mark the current link. */
  current: string | undefined;
  title: string;
  onSignOut: () => void;
  children: ComponentChildren;
};

/** Header (realm switcher, who is signed in, sign out), navigation, and the screen. */
export function Layout({ current, title, onSignOut, children }: Props) {
  const { api, realmId, realms, announce } = useConsole();
  const [menuOpen, setMenuOpen] = useState(false);
  const [status, setStatus] = useState('');
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    document.title = `${title} · yonder Admin Console`;
    setMenuOpen(false);
    // After navigating, start reading at the new screen's heading, as a page load would.
    const heading = main.current?.querySelector<HTMLElement>('h1');
    heading?.focus({ preventScroll: true });
  }, [title, realmId, current]);
  void announce;

  const visible = SCREENS.filter((screen) => screen.nav && (!screen.scope || api.can(screen.scope)));
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <button type="button" class="icon-button menu-button" aria-expanded={menuOpen} aria-controls="nav" onClick={() => setMenuOpen(!menuOpen)}>
          Menu
        </button>
        <Link to={`/realms/${realmId}`} class="brand">
          yonder <span>Admin Console</span>
        </Link>
        <label class="realm-switcher">
          <span>Realm</span>
          <select
            value={realmId}
            onChange={(event) => {
              const next = (event.currentTarget as HTMLSelectElement).value;
              setStatus(`Switched to realm ${realms.find((r) => r.id === next)?.display_name ?? next}`);
              navigate(`/realms/${next}${current && current !== '/' ? current : ''}`);
            }}
          >
            {realms.map((realm) => (
              <option key={realm.id} value={realm.id}>
                {realm.display_name}
              </option>
            ))}
          </select>
        </label>
        <div class="who">
          <span class="who-name" title={api.identity?.username}>
            {api.identity?.display_name ?? 'Signed in'}
          </span>
          <button type="button" class="button button-secondary" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <nav id="nav" class={`nav${menuOpen ? ' nav-open' : ''}`} aria-label="Console">
        {SECTIONS.map((section) => {
          const links = visible.filter((screen) => screen.nav?.section === section);
          if (links.length === 0) return null;
          return (
            <div class="nav-section" key={section}>
              <h2>{section}</h2>
              <ul>
                {links.map((screen) => (
                  <li key={screen.path}>
                    <Link to={`/realms/${realmId}${screen.path}`} aria-current={current === screen.path ? 'page' : undefined}>
                      {screen.nav?.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </nav>
      <main id="main" ref={main} class="main">
        {children}
      </main>
      <div class="visually-hidden" role="status" aria-live="polite">
        {status}
      </div>
    </div>
  );
}
