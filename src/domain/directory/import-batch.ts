import { DomainError } from '../errors.js';
import { type NewIdentityInput, assertValidIdentity, identityKeys, newTraits } from './identity.js';
import { identityFromRecord } from './identity-import.js';
import { newId } from '../ids.js';

/**
 * Imports cut into batches: the input records of a stretch of the file, checked by the same rules
 * as a create, and turned into the values the store writes. No I/O here, so the same code runs in
 * the import's worker thread and, for seeds and tests, in the calling one.
 */

/** One input record: its line number (1-based, where it starts), and the record or why it could not be read. */
export type ImportItem = { line: number; record: unknown } | { line: number; error: string };

export interface Rejection {
  line: number;
  reason: string;
}

/** Rejections kept with their reasons, per import; more are only counted, so memory stays flat. */
export const MAX_REPORTED_REJECTIONS = 1000;

/**
 * The values of one new identity as a bulk load writes them, in this order. A batch holds many
 * identities in one flat array (`PACKED_WIDTH` values each): cheap to build, to send between
 * threads and to bind. Realm, tenant, timestamps and version are the same for a whole import and
 * are added by the store.
 */
export const PACKED_FIELDS = [
  'id',
  'display_name',
  'display_name_key',
  'status',
  'traits',
  'username_key',
  'username_skeleton',
  'email_key',
  'external_id',
] as const;
export const PACKED_WIDTH = PACKED_FIELDS.length;
export type PackedValue = string | null;

export interface ImportBatch {
  /** Input records this batch covers, rejected ones included. */
  read: number;
  /** New identities in input order, `PACKED_WIDTH` values each. */
  rows: PackedValue[];
  rejected: number;
  /** Line numbers and reasons, only while the import has reported fewer than MAX_REPORTED_REJECTIONS. */
  rejections: Rejection[];
}

/**
 * Checks a new identity as a create does (`newTraits`, `assertValidIdentity`) and appends its
 * packed values, with a fresh id, to `out`. Throws the create's DomainError and appends nothing
 * when the identity breaks a rule.
 */
export function packNewIdentity(input: NewIdentityInput, out: PackedValue[]): void {
  const traits = newTraits(input.traits);
  const identity = { display_name: input.display_name, status: input.status ?? 'active', traits };
  assertValidIdentity(identity);
  const keys = identityKeys(identity);
  out.push(
    newId(),
    identity.display_name,
    keys.display_name_key,
    identity.status,
    JSON.stringify(traits),
    keys.username_key,
    keys.username_skeleton,
    keys.email_key,
    keys.external_id,
  );
}

/** The reason an input was refused, in the words of the v1 field violations. */
export function rejectionReason(error: unknown): string {
  if (error instanceof DomainError) {
    const violations = error.details?.flatMap((d) =>
      d.type === 'FieldViolations' ? d.field_violations.map((v) => `${v.field}: ${v.description}`) : [],
    );
    return violations && violations.length > 0 ? violations.join('; ') : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Collects input records into batches of `recordsPerBatch` records (counted with the rejected
 * ones, so a file of nothing but bad lines still moves in bounded steps).
 */
export class ImportBatchBuilder {
  private rows: PackedValue[] = [];
  private rejections: Rejection[] = [];
  private read = 0;
  private rejected = 0;
  private reported = 0;

  constructor(private readonly recordsPerBatch: number) {}

  /** Takes one record; returns a batch when this one filled it. */
  add(item: ImportItem): ImportBatch | null {
    this.read++;
    if ('error' in item) {
      this.reject(item.line, item.error);
    } else {
      const mapped = identityFromRecord(item.record);
      if (!mapped.ok) {
        this.reject(item.line, mapped.reason);
      } else {
        try {
          packNewIdentity(mapped.input, this.rows);
        } catch (error) {
          this.reject(item.line, rejectionReason(error));
        }
      }
    }
    return this.read >= this.recordsPerBatch ? this.take() : null;
  }

  /** Whatever has been collected since the last batch, or null when nothing has. */
  take(): ImportBatch | null {
    if (this.read === 0) return null;
    const batch: ImportBatch = { read: this.read, rows: this.rows, rejected: this.rejected, rejections: this.rejections };
    this.rows = [];
    this.rejections = [];
    this.read = 0;
    this.rejected = 0;
    return batch;
  }

  private reject(line: number, reason: string): void {
    this.rejected++;
    if (this.reported < MAX_REPORTED_REJECTIONS) {
      this.reported++;
      this.rejections.push({ line, reason });
    }
  }
}

/** Batches from a stream of records, built in the calling thread. */
export async function* importBatches(items: AsyncIterable<ImportItem> | Iterable<ImportItem>, recordsPerBatch: number): AsyncIterable<ImportBatch> {
  const builder = new ImportBatchBuilder(recordsPerBatch);
  for await (const item of items) {
    const batch = builder.add(item);
    if (batch) yield batch;
  }
  const last = builder.take();
  if (last) yield last;
}
