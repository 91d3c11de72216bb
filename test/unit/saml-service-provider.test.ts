import { describe, expect, it } from 'vitest';
import type { Identity } from '../../src/domain/directory/identity.js';
import { type SamlConfig, assertionConsumerOf, attributeValuesOf, completeSamlConfig, nameIdOf } from '../../src/domain/saml/service-provider.js';

const identity: Identity = {
  id: 'id-1',
  realm_id: 'r',
  tenant_id: 't',
  display_name: 'Ada',
  status: 'active',
  traits: { type: 'traits_v0', username: 'ada', primary_email_address: 'ada@example.com' },
  enrollment_status: 'ENROLLED',
  create_time: '2026-01-01T00:00:00.000Z',
  update_time: '2026-01-01T00:00:00.000Z',
  version: 1,
};

function complete(payload: Record<string, unknown>): SamlConfig {
  const done = completeSamlConfig({ type: 'saml', acs_url: 'https://sp.example/acs', audience_url: 'https://sp.example', ...payload }, 'p');
  if ('violations' in done) throw new Error(JSON.stringify(done.violations));
  return done.config;
}

describe('the SAML payload', () => {
  it('fills the contract defaults and drops read-only fields', () => {
    const config = complete({ identity_provider_certs: [{ id: 'x' }] });
    expect(config).toMatchObject({
      name_format: 'unspecified',
      signature_algorithm: 'rsa_sha256',
      sign_envelope: true,
      assertion_validity_duration_seconds: 300,
    });
    expect(config.identity_provider_certs).toBeUndefined();
  });

  it('refuses what it would not do or could not check, naming each field', () => {
    const done = completeSamlConfig(
      { type: 'saml', acs_url: 'javascript:alert(1)', audience_url: '', encrypt_assertions: true, validate_signed_requests: true },
      'p',
    );
    expect('violations' in done && done.violations.map((v) => v.field)).toEqual([
      'p.acs_url',
      'p.audience_url',
      'p.encrypt_assertions',
      'p.validate_signed_requests',
    ]);
  });

  it('sends the response only where configured', () => {
    const config = complete({ other_sso_urls: { index: 2, url: 'https://sp.example/acs2' } });
    expect(assertionConsumerOf(config, {})).toBe('https://sp.example/acs');
    expect(assertionConsumerOf(config, { url: 'https://sp.example/acs2' })).toBe('https://sp.example/acs2');
    expect(assertionConsumerOf(config, { index: 2 })).toBe('https://sp.example/acs2');
    expect(assertionConsumerOf(config, { url: 'https://evil.example/acs' })).toBeNull();
    expect(assertionConsumerOf(config, { index: 7 })).toBeNull();
  });

  it('names the subject per format and fills attributes in order', () => {
    expect(nameIdOf(identity, complete({ name_format: 'email_address' }), 't1')?.value).toBe('ada@example.com');
    expect(nameIdOf(identity, complete({ name_format: 'persistent', subject_user_name_attribute: 'email' }), 't1')?.value).toBe('id-1');
    expect(nameIdOf(identity, complete({ name_format: 'transient' }), 't1')?.value).toBe('t1');
    expect(nameIdOf(identity, complete({ subject_user_name_attribute: 'email_prefix' }), 't1')?.value).toBe('ada');
    const noEmail = { ...identity, traits: { type: 'traits_v0' as const, username: 'ada' } };
    expect(nameIdOf(noEmail, complete({ name_format: 'email_address' }), 't1')).toBeNull();
    const attributes = [
      { name: 'mail', name_format: 'unspecified', value: 'email' },
      { name: 'id', name_format: 'unspecified', value: 'external_id' },
      { name: 'team', name_format: 'unspecified', value: 'custom_static_string', custom_value: 'blue' },
    ];
    expect(attributeValuesOf(identity, complete({ additional_user_attributes: attributes }))).toEqual(['ada@example.com', null, 'blue']);
  });
});
