import { TILE_TYPES, isTileVisible } from '../../domain/sso/sso-config.js';
import type { Yonder } from '../context.js';
import type { RealmRef } from '../directory/identities.js';

/** A tile of the app launcher: what it is called, and where one click takes the person. */
export interface LauncherTile {
  id: string;
  name: string;
  /** An http(s) URL, or null when the config names none the launcher may link to. */
  url: string | null;
  /** A path on this site, the only icons the hosted pages' CSP lets load. */
  icon: string | null;
}

const LAUNCHER_MAX_TILES = 200;

/** Only web addresses become links: a `javascript:` or `data:` login link is never clickable. */
function webUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const url = URL.parse(value);
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? url.href : null;
}

/** A SAML application's IdP-initiated start: yonder signs the person in and posts to the service provider. */
const samlStart = (y: Yonder, tenantId: string, realmId: string, applicationId: string) =>
  `${y.config.publicUrl}/v1/tenants/${tenantId}/realms/${realmId}/applications/${applicationId}/saml/start`;

/**
 * The tiles an identity sees: the bookmarks, OpenID Connect and SAML configs assigned to it (itself or
 * through its groups) that do not hide their tile, in name order. A bookmark opens its login link;
 * an OIDC app its `login_link`, else the site of its first redirect URI, where the relying party
 * starts its own sign-in (an authorization request needs the relying party's state and PKCE); a
 * SAML app its IdP-initiated start.
 */
export async function launcherTiles(y: Yonder, ref: RealmRef, identityId: string): Promise<LauncherTile[]> {
  const groupIds = await y.store.groups.groupIdsOf(identityId);
  const configs = await y.store.ssoConfigs.pageForMember(ref.realmId, identityId, groupIds, '', 0, LAUNCHER_MAX_TILES);
  return configs
    .filter((config) => TILE_TYPES.includes(config.type) && isTileVisible(config))
    .map((config) => {
      const redirect = Array.isArray(config.payload.redirect_uris) ? webUrl(config.payload.redirect_uris[0]) : null;
      const start =
        config.type === 'generic_saml' && config.application_id !== null
          ? samlStart(y, config.tenant_id, config.realm_id, config.application_id)
          : null;
      const url = start ?? webUrl(config.payload.login_link) ?? (redirect ? new URL(redirect).origin : null);
      const icon = typeof config.payload.icon === 'string' && /^\/(?!\/)/.test(config.payload.icon) ? config.payload.icon : null;
      return { id: config.id, name: config.display_name, url, icon };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
