import type { FunctionComponent } from 'preact';
import type { Scope } from '../../../src/domain/access/scopes';
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
import { TokensScreen } from './tokens';

/** Path parameters of the matched route (`realm_id` always, plus the screen's own). */
export interface ScreenProps {
  params: Record<string, string>;
}

export interface Screen {
  /** Pattern after `/console/realms/:realm_id`. */
  path: string;
  title: string;
  component: FunctionComponent<ScreenProps>;
  /** Where it sits in the navigation; screens without one are reached from another screen. */
  nav?: { section: 'Directory' | 'Access' | 'Policy' | 'Provisioning' | 'Tenant'; label: string };
  /** The scope needed to see it; without it the link is hidden and the screen says why. */
  scope?: Scope;
}

export const SCREENS: Screen[] = [
  { path: '/', title: 'Overview', component: OverviewScreen },
  {
    path: '/identities',
    title: 'Identities',
    component: IdentitiesScreen,
    nav: { section: 'Directory', label: 'Identities' },
    scope: 'identities:read',
  },
  { path: '/identities/:identity_id', title: 'Identity', component: IdentityDetailScreen, scope: 'identities:read' },
  { path: '/groups', title: 'Groups', component: GroupsScreen, nav: { section: 'Directory', label: 'Groups' }, scope: 'groups:read' },
  { path: '/groups/:group_id', title: 'Group', component: GroupDetailScreen, scope: 'groups:read' },
  {
    path: '/applications',
    title: 'Applications',
    component: ApplicationsScreen,
    nav: { section: 'Access', label: 'Applications' },
    scope: 'applications:read',
  },
  {
    path: '/resource-servers',
    title: 'Resource servers and roles',
    component: ResourceServersScreen,
    nav: { section: 'Access', label: 'Resource servers' },
    scope: 'resource-servers:read',
  },
  { path: '/tokens', title: 'API tokens', component: TokensScreen, nav: { section: 'Access', label: 'API tokens' }, scope: 'tokens:read' },
  { path: '/policy', title: 'Policy', component: PolicyScreen, nav: { section: 'Policy', label: 'Policy rules' }, scope: 'policy:read' },
  { path: '/scim', title: 'SCIM provisioning', component: ScimScreen, nav: { section: 'Provisioning', label: 'SCIM' } },
  { path: '/activity', title: 'Activity', component: ActivityScreen, nav: { section: 'Provisioning', label: 'Activity' }, scope: 'events:read' },
  { path: '/settings', title: 'Tenant settings', component: SettingsScreen, nav: { section: 'Tenant', label: 'Settings' }, scope: 'tenants:read' },
];
