import { describe, expect, it } from 'vitest';
import { isId } from '../../src/domain/ids.js';
import {
  type ImportItem,
  ImportBatchBuilder,
  MAX_REPORTED_REJECTIONS,
  PACKED_FIELDS,
  PACKED_WIDTH,
  packNewIdentity,
} from '../../src/domain/directory/import-batch.js';
import { MAX_BATCH_SIZE, MIN_BATCH_SIZE, TRANSACTION_TARGET_MS, nextBatchSize } from '../../src/services/directory/bulk.js';

describe('import batches', () => {
  it('packNewIdentity packs what a create would store: fresh id, folded keys, traits JSON with type first', () => {
    const out: (string | null)[] = [];
    packNewIdentity(
      { display_name: 'Ännie Ö', traits: { type: 'traits_v0', username: 'Ann', given_name: 'Ann', primary_email_address: 'Ann@X.org' } },
      out,
    );
    expect(out).toHaveLength(PACKED_WIDTH);
    const row = Object.fromEntries(PACKED_FIELDS.map((field, i) => [field, out[i]]));
    expect(isId(row.id ?? '')).toBe(true);
    expect(row).toMatchObject({
      display_name: 'Ännie Ö',
      display_name_key: 'ännie ö',
      status: 'active',
      traits: '{"type":"traits_v0","username":"Ann","given_name":"Ann","primary_email_address":"Ann@X.org"}',
      username_key: 'ann',
      email_key: 'ann@x.org',
      external_id: null,
    });
  });

  it('packNewIdentity appends nothing for an identity that breaks a rule', () => {
    const out: (string | null)[] = ['kept'];
    expect(() => packNewIdentity({ display_name: 'x', traits: { type: 'traits_v0', username: 'a/b' } }, out)).toThrow();
    expect(out).toEqual(['kept']);
  });

  it('batches count rejected records too, keep their line numbers, and report at most MAX_REPORTED_REJECTIONS reasons', () => {
    const builder = new ImportBatchBuilder(500);
    const items: ImportItem[] = Array.from({ length: 1500 }, (_, i) =>
      i % 5 === 4
        ? { line: i + 1, record: { display_name: `u${i}`, traits: { type: 'traits_v0', username: `u${i}` } } }
        : { line: i + 1, error: 'not valid JSON' },
    );
    const batches = items.map((item) => builder.add(item)).filter((b) => b !== null);
    expect(builder.take()).toBeNull();
    expect(batches.map((b) => b.read)).toEqual([500, 500, 500]);
    expect(batches.map((b) => b.rows.length / PACKED_WIDTH)).toEqual([100, 100, 100]);
    expect(batches.map((b) => b.rejected)).toEqual([400, 400, 400]);
    const reported = batches.flatMap((b) => b.rejections);
    expect(reported).toHaveLength(MAX_REPORTED_REJECTIONS);
    expect(reported[0]).toEqual({ line: 1, reason: 'not valid JSON' });
    expect(reported.every((r) => r.line % 5 !== 0)).toBe(true);
  });

  it('nextBatchSize grows short transactions and shrinks long ones, within its bounds', () => {
    expect(nextBatchSize(5000, TRANSACTION_TARGET_MS / 4)).toBe(10_000);
    expect(nextBatchSize(20_000, TRANSACTION_TARGET_MS * 4)).toBe(10_000);
    expect(nextBatchSize(5000, TRANSACTION_TARGET_MS)).toBe(5000);
    expect(nextBatchSize(40_000, 1)).toBe(MAX_BATCH_SIZE);
    expect(nextBatchSize(1200, 60_000)).toBe(MIN_BATCH_SIZE);
  });
});
