import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  MAX_TOKEN_LIFETIME_SECONDS,
  completeProtocolConfig,
  liveTokenScopes,
  tokenLifetime,
} from '../../src/domain/access/application.js';
import { MANAGEMENT_SCOPES, OPERATOR, grantRefusal } from '../../src/domain/access/scopes.js';

const holding = (scopes: string[], realmId: string | null = null) => ({ scopes: new Set(scopes), realmId });

describe('grantRefusal: nothing can grant more than its caller holds', () => {
  it('allows a grant of scopes the caller holds, or of none', () => {
    expect(grantRefusal(holding(['identities:read', 'groups:read']), { scopes: ['identities:read'], tenantWide: true })).toBeNull();
    expect(grantRefusal(holding([], 'realm'), { scopes: [], tenantWide: true })).toBeNull();
  });

  it('names the scopes the caller lacks, a few of them when many', () => {
    expect(grantRefusal(holding(['identities:read']), { scopes: ['identities:read', 'groups:read'], tenantWide: false })).toBe(
      'scopes you do not hold (groups:read)',
    );
    const all = grantRefusal(holding([]), { scopes: MANAGEMENT_SCOPES, tenantWide: false });
    expect(all).toMatch(/^scopes you do not hold \(tenants:read, tenants:update, realms:create, realms:read, realms:update and \d+ more\)$/);
  });

  it('refuses a tenant-wide grant to a caller restricted to one realm, even one holding the scopes', () => {
    expect(grantRefusal(holding(['identities:read'], 'admin'), { scopes: ['identities:read'], tenantWide: true })).toMatch(/whole tenant/);
    expect(grantRefusal(holding(['identities:read'], 'admin'), { scopes: ['identities:read'], tenantWide: false })).toBeNull();
  });

  it('the operator (the command line) may grant anything', () => {
    expect(grantRefusal(OPERATOR, { scopes: [...MANAGEMENT_SCOPES, 'future:scope'], tenantWide: true })).toBeNull();
  });
});

describe('token lifetimes have a ceiling', () => {
  it('expires_after above 90 days is a violation naming the ceiling', () => {
    const config = (expires_after: number) => completeProtocolConfig({ type: 'oauth2', token_configuration: { expires_after } }, null);
    expect(MAX_TOKEN_LIFETIME_SECONDS).toBe(90 * 24 * 3600);
    expect(config(MAX_TOKEN_LIFETIME_SECONDS)).toHaveProperty('config');
    expect(config(MAX_TOKEN_LIFETIME_SECONDS + 1)).toEqual({
      violations: [
        { field: 'application.protocol_config.token_configuration.expires_after', description: 'must be between 1 and 7776000 seconds (90 days)' },
      ],
    });
  });

  it('a stored configuration above the ceiling mints at the ceiling', () => {
    const config = (expires_after: number) => ({ token_configuration: { expires_after } });
    expect(tokenLifetime(config(10 * 365 * 24 * 3600))).toBe(MAX_TOKEN_LIFETIME_SECONDS);
    expect(tokenLifetime(config(DEFAULT_TOKEN_LIFETIME_SECONDS))).toBe(DEFAULT_TOKEN_LIFETIME_SECONDS);
  });
});

describe('liveTokenScopes: a token carries only what its application still allows', () => {
  const issuer = { isManaged: false, allowedScopes: ['identities:read', 'groups:read'], serverScopes: ['identities:read', 'groups:read'] };

  it('drops scopes the application no longer allows or its resource server no longer has', () => {
    expect(liveTokenScopes(['identities:read', 'groups:read'], { ...issuer, allowedScopes: ['identities:read'] })).toEqual(['identities:read']);
    expect(liveTokenScopes(['identities:read', 'groups:read'], { ...issuer, serverScopes: ['groups:read'] })).toEqual(['groups:read']);
  });

  it('keeps the scopes of tokens from managed applications, which cannot change', () => {
    expect(liveTokenScopes(['identities:read', 'tenants:read'], { isManaged: true, allowedScopes: [], serverScopes: [] })).toEqual([
      'identities:read',
      'tenants:read',
    ]);
  });
});
