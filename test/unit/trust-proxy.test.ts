import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { fastifyTrustProxy } from '../../src/http/trust-proxy.js';

const trustProxy = (value?: string) => loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy;

describe('TRUST_PROXY', () => {
  it('is off unless set: unset, empty, off and 0 trust no proxy', () => {
    for (const value of [undefined, '', ' ', 'off', 'OFF', '0']) expect(trustProxy(value), String(value)).toBe(false);
  });

  it('a whole number is that many proxies in front of yonder', () => {
    expect(trustProxy('1')).toBe(1);
    expect(trustProxy('2')).toBe(2);
  });

  it('otherwise a comma-separated list of addresses and CIDR ranges, IPv4 or IPv6', () => {
    expect(trustProxy('10.0.0.0/8, 127.0.0.1,::1, fd00::/8')).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8']);
  });

  it('refuses anything else at start, naming the bad entry', () => {
    for (const bad of ['true', 'yes', '10.0.0.0/33', '10.0.0.0/0', '::/129', '10.0.0.1/8/8', 'proxy.example', '10.0.0.1,', '-1', '1.5']) {
      expect(() => trustProxy(bad), bad).toThrow(/TRUST_PROXY must be/);
    }
  });

  it('a hop count trusts the nearest hops, whatever their address, and no further', () => {
    const trust = fastifyTrustProxy(2) as (address: string, hop: number) => boolean;
    expect([0, 1, 2, 3].map((hop) => trust('203.0.113.1', hop))).toEqual([true, true, false, false]);
  });
});
