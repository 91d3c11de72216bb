import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blockedAddressReason } from '../../src/domain/network/address.js';
import { newWebhookSecret, signWebhook, verifyWebhook, webhookSecretProblem } from '../../src/domain/webhooks/signature.js';

describe('webhook signatures (Standard Webhooks)', () => {
  it('sign the id, timestamp and body with the key after whsec_, as the operating guide tells receivers to check', () => {
    const secret = newWebhookSecret();
    expect(webhookSecretProblem(secret)).toBeNull();
    const content = { id: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', timestamp: 1765000000, body: '{"type":"identity.created"}' };
    const header = signWebhook(secret, content);
    // The receiver's side, written from the specification rather than from yonder's code.
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`${content.id}.${content.timestamp}.${content.body}`).digest('base64');
    expect(header).toBe(`v1,${expected}`);
    expect(verifyWebhook(secret, content, `v1,bm90LWl0 ${header}`)).toBe(true);
    expect(verifyWebhook(secret, { ...content, timestamp: content.timestamp + 1 }, header)).toBe(false);
    expect(verifyWebhook(newWebhookSecret(), content, header)).toBe(false);
  });
});

describe('webhook destinations', () => {
  it('refuses internal addresses, IPv4 inside IPv6 included, and lets public ones through', () => {
    for (const address of [
      '127.0.0.1',
      '10.0.0.1',
      '172.31.255.255',
      '192.168.0.1',
      '169.254.169.254',
      '100.100.1.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00:ec2::254',
      'fc00::1',
      '::ffff:10.0.0.1',
      '::ffff:7f00:1',
      '64:ff9b::a9fe:a9fe',
    ]) {
      expect(blockedAddressReason(address), address).not.toBeNull();
    }
    for (const address of ['203.0.113.10', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) {
      expect(blockedAddressReason(address), address).toBeNull();
    }
  });
});
