import { useConsole } from '../context';
import { formatTime } from '../format';
import { Link } from '../ui/link';
import { SCREEN_ENTRIES, type ScreenEntry, type ScreenProps } from './catalog';

/** The realm's landing page: what it is, and the way to each part of it. */
export function OverviewScreen(_props: ScreenProps) {
  const { realms, realmId, api } = useConsole();
  const realm = realms.find((r) => r.id === realmId);
  const sections = Object.values<ScreenEntry>(SCREEN_ENTRIES).filter((screen) => screen.nav && (!screen.scope || api.can(screen.scope)));
  return (
    <section>
      <h1 tabIndex={-1}>{realm?.display_name ?? 'Realm'}</h1>
      {realm ? (
        <dl class="facts">
          <dt>Realm id</dt>
          <dd>
            <code>{realm.id}</code>
          </dd>
          <dt>Tenant id</dt>
          <dd>
            <code>{realm.tenant_id}</code>
          </dd>
          <dt>Created</dt>
          <dd>{formatTime(realm.create_time)}</dd>
        </dl>
      ) : null}
      <ul class="cards">
        {sections.map((screen) => (
          <li key={screen.path}>
            <Link to={`/realms/${realmId}${screen.path}`}>{screen.title}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
