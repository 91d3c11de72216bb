import { describe, expect, it } from 'vitest';
import { etagMatches, expectedVersions } from '../../src/protocols/scim/etag.js';

describe('SCIM ETags as the versions the services expect', () => {
  it('If-Match lists weak and strong tags; the versions they name are the ones a write accepts', () => {
    expect(expectedVersions('W/"3"')).toEqual([3]);
    expect(expectedVersions('W/"3", "4"')).toEqual([3, 4]);
  });

  it('no If-Match, or `*`, accepts any version', () => {
    expect(expectedVersions(undefined)).toBeUndefined();
    expect(expectedVersions('W/"3", *')).toBeUndefined();
  });

  it('tags that name no version (or spell it otherwise) accept none, as they matched none before', () => {
    expect(expectedVersions('W/"abc"')).toEqual([]);
    expect(expectedVersions('"03"')).toEqual([]);
    expect(etagMatches('"03"', 3)).toBe(false);
    expect(etagMatches('W/"3"', 3)).toBe(true);
  });
});
