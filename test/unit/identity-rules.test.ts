import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { assertValidIdentity, mergeTraits, newTraits } from '../../src/domain/directory/identity.js';
import { foldedKey, nameViolation } from '../../src/domain/directory/names.js';

function violations(fn: () => void) {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError && error.details?.[0]?.type === 'FieldViolations') return error.details[0].field_violations;
    throw error;
  }
  return [];
}

describe('names', () => {
  it('foldedKey makes case, Unicode composition and width differences compare equal', () => {
    expect(foldedKey('Alice')).toBe(foldedKey('ALICE'));
    expect(foldedKey('Straße')).toBe(foldedKey('STRASSE'));
    expect(foldedKey('Ame\u0301lie')).toBe(foldedKey('AM\u00c9LIE'));
    expect(foldedKey('ＡＢＣ')).toBe(foldedKey('abc'));
    expect(foldedKey('alice')).not.toBe(foldedKey('alicia'));
  });

  it('foldedKey folds ASCII exactly as the full NFKC and case mapping would (it takes a shorter path there)', () => {
    const full = (value: string) => value.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
    const ascii = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)).join('');
    expect(foldedKey(ascii)).toBe(full(ascii));
    for (const value of ['Jane.Doe@Example.COM', 'ext-0001', 'ÉMILE', 'Ｊane', 'straße', 'K\u212a'])
      expect(foldedKey(value), value).toBe(full(value));
  });

  it('nameViolation applies the contract rules: 1–64 characters, no forbidden characters', () => {
    expect(nameViolation('Jane Doe')).toBeNull();
    expect(nameViolation('jane.doe@example.com')).toBeNull();
    expect(nameViolation('')).toBe('empty string');
    expect(nameViolation('x'.repeat(65))).toBe('must be at most 64 characters');
    expect(nameViolation('😀'.repeat(64))).toBeNull();
    expect(nameViolation('😀'.repeat(65))).toBe('must be at most 64 characters');
    for (const c of '{}[]<>;:?\\/|*^%$#=~`!') expect(nameViolation(`a${c}b`), c).toBe('contains characters that are not allowed');
    expect(nameViolation(5)).toBe('must be a string');
  });
});

describe('identity rules', () => {
  const base = { display_name: 'Jane', status: 'active' as const, traits: newTraits({ type: 'traits_v0', username: 'jane' }) };

  it('accepts a valid identity', () => {
    expect(() => assertValidIdentity(base)).not.toThrow();
  });

  it('names every broken field at once, with the JSON path', () => {
    const found = violations(() =>
      assertValidIdentity({
        display_name: '',
        status: 'gone' as 'active',
        traits: { type: 'traits_v0', username: 'a/b', primary_email_address: 'nope', title: 'x'.repeat(2000) },
      }),
    );
    expect(found).toEqual([
      { field: 'identity.display_name', description: 'empty string' },
      { field: 'identity.status', description: 'must be one of: active, suspended' },
      { field: 'identity.traits.username', description: 'contains characters that are not allowed' },
      { field: 'identity.traits.title', description: 'must be at most 1024 characters' },
      { field: 'identity.traits.primary_email_address', description: 'must be an email address' },
    ]);
  });

  it('mergeTraits sets, keeps and removes keys, and never removes the username', () => {
    const current = newTraits({ type: 'traits_v0', username: 'jane', title: 'Dr', locale: 'en' });
    const merged = mergeTraits(current, { type: 'traits_v0', title: null, country: 'NZ', locale: 'fr' });
    expect(merged).toEqual({ type: 'traits_v0', username: 'jane', locale: 'fr', country: 'NZ' });
    // Stored as JSON in this order: the current keys where they were, new ones after them.
    expect(Object.keys(merged)).toEqual(['type', 'username', 'locale', 'country']);
    expect(current).toEqual({ type: 'traits_v0', username: 'jane', title: 'Dr', locale: 'en' });
    expect(violations(() => mergeTraits(current, { type: 'traits_v0', username: null }))).toEqual([
      { field: 'identity.traits.username', description: 'cannot be removed' },
    ]);
    expect(violations(() => mergeTraits(current, { type: 'traits_v1' }))).toEqual([
      { field: 'identity.traits.type', description: 'must be "traits_v0"' },
    ]);
  });
});
