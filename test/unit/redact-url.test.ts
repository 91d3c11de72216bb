import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/domain/audit/redact.js';

describe('redactUrl: secret query values masked for logs', () => {
  it('masks token, code and any *_token or *_secret, keeps the rest as sent', () => {
    expect(redactUrl('/v1/x/jobs/j1:invokeAuthenticator?token=abc')).toBe('/v1/x/jobs/j1:invokeAuthenticator?token=[redacted]');
    expect(redactUrl('/cb?code=c1&state=s1&id_token=t&refresh_token=r&client_secret=cs&filter=a%20eq%201')).toBe(
      '/cb?code=[redacted]&state=s1&id_token=[redacted]&refresh_token=[redacted]&client_secret=[redacted]&filter=a%20eq%201',
    );
  });

  it('compares names decoded and case-insensitively, and masks a name that does not decode', () => {
    expect(redactUrl('/p?%74oken=abc&TOKEN=def')).toBe('/p?%74oken=[redacted]&TOKEN=[redacted]');
    expect(redactUrl('/p?%E0%A4%A=abc&page_size=2')).toBe('/p?[redacted]&page_size=2');
  });

  it('leaves URLs without a query, and flags without a value, alone', () => {
    expect(redactUrl('/v1/tenants/t')).toBe('/v1/tenants/t');
    expect(redactUrl('/p?token')).toBe('/p?token');
  });
});
