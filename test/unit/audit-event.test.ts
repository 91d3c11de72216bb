import { describe, expect, it } from 'vitest';
import { eventIdFloor, eventIdTime, isEventId, newEventId } from '../../src/domain/audit/audit-event.js';
import { REDACTED, isSecretKey, redactSecrets } from '../../src/domain/audit/redact.js';
import { loadConfig } from '../../src/config.js';

describe('event ids', () => {
  it('are UUIDv7 whose text order is creation order, even many in one millisecond', () => {
    const ids = Array.from({ length: 10_000 }, () => newEventId(1_800_000_000_000));
    expect(ids.every(isEventId)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    const later = newEventId(1_800_000_000_500);
    expect(later > (ids[ids.length - 1] as string)).toBe(true);
    expect(eventIdTime(later)).toBe(1_800_000_000_500);
  });

  it('made with an earlier clock reading still sort after the last one (a clock step back)', () => {
    const a = newEventId(1_900_000_000_000);
    const b = newEventId(1_899_999_999_000);
    expect(b > a).toBe(true);
  });
});

describe('eventIdFloor', () => {
  it('sorts below every id of its millisecond and later, above every id made before it', () => {
    const ms = 1_900_000_000_000;
    const floor = eventIdFloor(ms);
    const at = newEventId(ms);
    const after = newEventId(ms + 1);
    expect(eventIdTime(at)).toBe(ms);
    expect(floor < at && floor < after).toBe(true);
    // An id of the millisecond before, as another process would make it (this one's clock never goes back).
    const before = eventIdFloor(ms - 1) + at.slice(13);
    expect(before < floor).toBe(true);
  });
});

describe('redactSecrets', () => {
  it('masks secrets at any depth, keeps null, and leaves other keys alone', () => {
    const input = {
      display_name: 'x',
      protocol_config: {
        type: 'oidc',
        client_secret: 'cs',
        'Client-Secret': 'cs2',
        token_endpoint_auth_method: 'basic',
        nested: [{ password: 'p' }],
      },
      token: 'tok',
      token_suffix: 'abcd',
      private_jwk: { d: 'secret-d' },
      refresh_token: null,
      api_key: 'k',
    };
    expect(redactSecrets(input)).toEqual({
      display_name: 'x',
      protocol_config: {
        type: 'oidc',
        client_secret: REDACTED,
        'Client-Secret': REDACTED,
        token_endpoint_auth_method: 'basic',
        nested: [{ password: REDACTED }],
      },
      token: REDACTED,
      token_suffix: 'abcd',
      private_jwk: REDACTED,
      refresh_token: null,
      api_key: REDACTED,
    });
    expect(input.token).toBe('tok');
  });

  it('keeps a __proto__ key as a plain key and cuts hostile nesting', () => {
    const hostile = JSON.parse('{"__proto__": {"secret": "s", "polluted": true}}');
    const out = redactSecrets(hostile) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ secret: REDACTED, polluted: true });
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100; i++) deep = { a: deep };
    expect(JSON.stringify(redactSecrets(deep))).toContain('[truncated]');
  });

  it('names secrets by key', () => {
    for (const key of ['secret', 'client_secret', 'PASSWORD', 'x-api-token', 'private_key', 'otp', 'client_secret_hash'])
      expect(isSecretKey(key), key).toBe(true);
    for (const key of ['token_suffix', 'display_name', 'secretary', 'jti', 'username']) expect(isSecretKey(key), key).toBe(false);
  });
});

describe('AUDIT_RETENTION_DAYS', () => {
  it('defaults to 90, accepts 0 (keep for ever), refuses nonsense', () => {
    expect(loadConfig({}).auditRetentionDays).toBe(90);
    expect(loadConfig({ AUDIT_RETENTION_DAYS: '0' }).auditRetentionDays).toBe(0);
    expect(loadConfig({ AUDIT_RETENTION_DAYS: '365' }).auditRetentionDays).toBe(365);
    for (const bad of ['-1', '1.5', 'ninety']) expect(() => loadConfig({ AUDIT_RETENTION_DAYS: bad })).toThrow(/AUDIT_RETENTION_DAYS/);
  });
});
