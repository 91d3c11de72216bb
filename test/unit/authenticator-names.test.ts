import { describe, expect, it } from 'vitest';
import { authenticatorName, deviceKind, passkeyNameViolation } from '../../src/domain/passkeys/authenticator-names.js';

describe('passkey names and device kinds for the account page', () => {
  it('names known providers by AAGUID in any case, and none for unknown or all-zero AAGUIDs', () => {
    expect(authenticatorName('EA9B8D66-4D01-1D21-3CE4-B6B48CB575D4')).toBe('Google Password Manager');
    expect(authenticatorName('fbfc3007-154e-4ecc-8c0b-6e020557d7bd')).toBe('iCloud Keychain');
    expect(authenticatorName('00000000-0000-0000-0000-000000000000')).toBeNull();
    expect(authenticatorName('constructor')).toBeNull();
  });

  it('calls a backed-up or backup-eligible passkey synced, any other device-bound', () => {
    expect(deviceKind({ device_type: 'multiDevice', backed_up: true })).toBe('synced');
    expect(deviceKind({ device_type: 'multiDevice', backed_up: false })).toBe('synced');
    expect(deviceKind({ device_type: 'singleDevice', backed_up: false })).toBe('device_bound');
  });

  it('takes 1 to 64 characters after trimming, without control characters', () => {
    expect(passkeyNameViolation('  Work laptop ')).toBeNull();
    expect(passkeyNameViolation('🔑'.repeat(64))).toBeNull();
    expect(passkeyNameViolation('x'.repeat(65))).not.toBeNull();
    expect(passkeyNameViolation('   ')).not.toBeNull();
    expect(passkeyNameViolation('a\nb')).not.toBeNull();
    expect(passkeyNameViolation(42)).not.toBeNull();
  });
});
