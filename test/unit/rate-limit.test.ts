import { describe, expect, it } from 'vitest';
import { type RateLimitCount, clientFailureChecks, refusalOfSuccess } from '../../src/domain/access/rate-limit.js';

/** A right secret is refused only where its own client and address failed, and only past a limit. */
describe('refusalOfSuccess', () => {
  const [own, realm] = clientFailureChecks('realm', 'client', '203.0.113.1');
  const now = 1_000;
  const decide = (counts: Record<string, number>) =>
    refusalOfSuccess(
      [own!, realm!],
      (key): RateLimitCount | undefined => (key in counts ? { hits: counts[key]!, expiresAt: now + 120 } : undefined),
      now,
    );

  it('lets in a client that never failed from this address, however full the wider count is', () => {
    expect(decide({ [realm!.key]: 10_000 })).toBeNull();
  });

  it('lets in a client that failed here while no count is full', () => {
    expect(decide({ [own!.key]: 19, [realm!.key]: 99 })).toBeNull();
  });

  it('refuses a client whose own count is full, with the seconds left in its window', () => {
    expect(decide({ [own!.key]: 20 })).toEqual({ retryAfterSeconds: 120 });
  });

  it('refuses a client that failed here once the wider count is full', () => {
    expect(decide({ [own!.key]: 1, [realm!.key]: 100 })).toEqual({ retryAfterSeconds: 120 });
  });
});
