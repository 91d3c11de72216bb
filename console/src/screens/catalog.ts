import type { Scope } from '../../../src/domain/access/scopes';

/** Path parameters of the matched route (`realm_id` always, plus the screen's own). */
export interface ScreenProps {
  params: Record<string, string>;
}

/** Where a screen lives and who may see it; the components are joined to these in `./index`. */
export interface ScreenEntry {
  /** Pattern after `/console/realms/:realm_id`. */
  path: string;
  title: string;
  /** Where it sits in the navigation; screens without one are reached from another screen. */
  nav?: { section: 'Directory' | 'Access' | 'Policy' | 'Provisioning' | 'Tenant'; label: string };
  /** The scope needed to see it; without it the link is hidden and the screen says why. */
  scope?: Scope;
}

// Apart from the components so a screen (the overview) can list the others without importing itself.
export const SCREEN_ENTRIES = {
  overview: { path: '/', title: 'Overview' },
  identities: { path: '/identities', title: 'Identities', nav: { section: 'Directory', label: 'Identities' }, scope: 'identities:read' },
  identity: { path: '/identities/:identity_id', title: 'Identity', scope: 'identities:read' },
  groups: { path: '/groups', title: 'Groups', nav: { section: 'Directory', label: 'Groups' }, scope: 'groups:read' },
  group: { path: '/groups/:group_id', title: 'Group', scope: 'groups:read' },
  applications: { path: '/applications', title: 'Applications', nav: { section: 'Access', label: 'Applications' }, scope: 'applications:read' },
  resourceServers: {
    path: '/resource-servers',
    title: 'Resource servers and roles',
    nav: { section: 'Access', label: 'Resource servers' },
    scope: 'resource-servers:read',
  },
  ssoConfigs: { path: '/sso-configs', title: 'SSO apps', nav: { section: 'Access', label: 'SSO apps' }, scope: 'sso-configs:read' },
  tokens: { path: '/tokens', title: 'API tokens', nav: { section: 'Access', label: 'API tokens' }, scope: 'tokens:read' },
  policy: { path: '/policy', title: 'Policy', nav: { section: 'Policy', label: 'Policy rules' }, scope: 'policy:read' },
  scim: { path: '/scim', title: 'SCIM provisioning', nav: { section: 'Provisioning', label: 'SCIM' } },
  activity: { path: '/activity', title: 'Activity', nav: { section: 'Provisioning', label: 'Activity' }, scope: 'events:read' },
  webhooks: { path: '/webhooks', title: 'Webhooks', nav: { section: 'Tenant', label: 'Webhooks' }, scope: 'webhooks:read' },
  settings: { path: '/settings', title: 'Tenant settings', nav: { section: 'Tenant', label: 'Settings' }, scope: 'tenants:read' },
} satisfies Record<string, ScreenEntry>;
