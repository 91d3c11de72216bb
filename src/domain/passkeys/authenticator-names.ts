/**
 * Names of common passkey providers by the AAGUID their authenticators report at registration, so
 * the account page can say "iCloud Keychain" rather than a hex id. A small bundled subset of the
 * community-maintained list (passkey-authenticator-aaguids); nothing is looked up over the network.
 * An unknown or all-zero AAGUID (the authenticator chose not to say) has no name.
 */
const NAMES: Readonly<Record<string, string>> = {
  'fbfc3007-154e-4ecc-8c0b-6e020557d7bd': 'iCloud Keychain',
  'dd4ec289-e01d-41c9-bb89-70fa845d4bf2': 'iCloud Keychain (managed)',
  'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4': 'Google Password Manager',
  'adce0002-35bc-c60a-648b-0b25f1f05503': 'Chrome on Mac',
  '771b48fd-d3d4-4f74-9232-fc157ab0507a': 'Edge on Mac',
  '08987058-cadc-4b81-b6e1-30de50dcbe96': 'Windows Hello',
  '9ddd1817-af5a-4672-a2b9-3e3dd95000a9': 'Windows Hello',
  '6028b017-b1d4-4c02-b4b3-afcdafc96bb2': 'Windows Hello',
  '53414d53-554e-4700-0000-000000000000': 'Samsung Pass',
  'bada5566-a7aa-401f-bd96-45619a55120d': '1Password',
  'd548826e-79b4-db40-a3d8-11116f7e8349': 'Bitwarden',
  '531126d6-e717-415c-9320-3d9aa6981239': 'Dashlane',
  'b78a0a55-6ef8-d246-a042-ba0f6d55050c': 'LastPass',
  '0ea242b4-43c4-4a1b-8b17-dd6d0b6baec6': 'Keeper',
  'cb69481e-8ff7-4039-93ec-0a2729a154a8': 'YubiKey 5 Series',
  'ee882879-721c-4913-9775-3dfcce97072a': 'YubiKey 5 Series',
  'fa2b99dc-9e39-4257-8f92-4a30d23c4118': 'YubiKey 5 Series',
  '2fc0579f-8113-47ea-b116-bb5a8db9202a': 'YubiKey 5 Series',
};

export function authenticatorName(aaguid: string): string | null {
  const key = aaguid.toLowerCase();
  // Own keys only: an AAGUID is the authenticator's to choose, `constructor` included.
  return Object.hasOwn(NAMES, key) ? (NAMES[key] ?? null) : null;
}

/**
 * What the authenticator said of the passkey's future: backed up (or eligible for backup, WebAuthn's
 * BE flag: `multiDevice`) means the provider syncs it to the person's other devices; else it lives
 * on one device (a security key, a platform authenticator that does not sync).
 */
export function deviceKind(credential: { device_type: 'singleDevice' | 'multiDevice'; backed_up: boolean }): 'synced' | 'device_bound' {
  return credential.backed_up || credential.device_type === 'multiDevice' ? 'synced' : 'device_bound';
}

/** A passkey's name as a person may give it: trimmed, 1 to 64 characters, no control characters. */
export function passkeyNameViolation(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a string';
  const name = value.trim();
  if (name === '') return 'must not be empty';
  if ([...name].length > 64) return 'must be at most 64 characters';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'must not contain control characters';
  return null;
}
