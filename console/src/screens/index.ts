import type { FunctionComponent } from 'preact';
import { ActivityScreen } from './activity';
import { ApplicationsScreen } from './applications';
import { GroupDetailScreen } from './group-detail';
import { GroupsScreen } from './groups';
import { IdentitiesScreen } from './identities';
import { IdentityDetailScreen } from './identity-detail';
import { OverviewScreen } from './overview';
import { PolicyScreen } from './policy';
import { ResourceServersScreen } from './resource-servers';
import { ScimScreen } from './scim';
import { SettingsScreen } from './settings';
import { SsoConfigsScreen } from './sso-configs';
import { TokensScreen } from './tokens';
import { WebhooksScreen } from './webhooks';
import { SCREEN_ENTRIES, type ScreenEntry, type ScreenProps } from './catalog';

export type { ScreenProps } from './catalog';

export interface Screen extends ScreenEntry {
  component: FunctionComponent<ScreenProps>;
}

export const SCREENS: Screen[] = [
  { ...SCREEN_ENTRIES.overview, component: OverviewScreen },
  { ...SCREEN_ENTRIES.identities, component: IdentitiesScreen },
  { ...SCREEN_ENTRIES.identity, component: IdentityDetailScreen },
  { ...SCREEN_ENTRIES.groups, component: GroupsScreen },
  { ...SCREEN_ENTRIES.group, component: GroupDetailScreen },
  { ...SCREEN_ENTRIES.applications, component: ApplicationsScreen },
  { ...SCREEN_ENTRIES.resourceServers, component: ResourceServersScreen },
  { ...SCREEN_ENTRIES.ssoConfigs, component: SsoConfigsScreen },
  { ...SCREEN_ENTRIES.tokens, component: TokensScreen },
  { ...SCREEN_ENTRIES.policy, component: PolicyScreen },
  { ...SCREEN_ENTRIES.scim, component: ScimScreen },
  { ...SCREEN_ENTRIES.activity, component: ActivityScreen },
  { ...SCREEN_ENTRIES.webhooks, component: WebhooksScreen },
  { ...SCREEN_ENTRIES.settings, component: SettingsScreen },
];
