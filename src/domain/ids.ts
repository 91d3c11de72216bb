import { randomBytes, randomUUID } from 'node:crypto';

/**
 * Tenants, realms, identities, groups, roles, credentials and binding jobs use 16 lowercase hex
 * digits (64 random bits) as Beyond Identity does; applications and other configuration
 * resources use UUIDs.
 */
export function newId(): string {
  return randomBytes(8).toString('hex');
}

export function newUuid(): string {
  return randomUUID();
}

const HEX_ID = /^[0-9a-f]{16}$/;

export function isId(value: string): boolean {
  return HEX_ID.test(value);
}
