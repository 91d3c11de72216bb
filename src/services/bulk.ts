import { DomainError } from '../domain/errors.js';
import { type Identity, type NewIdentityInput, assertValidIdentity, newTraits } from '../domain/identity.js';
import { identityFromRecord } from '../domain/identity-import.js';
import { newId } from '../domain/ids.js';
import { foldedKey } from '../domain/names.js';
import { nowTimestamp } from '../domain/time.js';
import type { Yonder } from './context.js';
import { insertGroup } from './groups.js';
import type { RealmRef } from './identities.js';
import { requireRealm } from './tenancy.js';

/** Identities per transaction when importing or seeding. */
export const BULK_BATCH_SIZE = 5000;
/** Rejections kept with their reasons; more are only counted, so memory stays flat. */
export const MAX_REPORTED_REJECTIONS = 1000;

/** One input record: its line number (1-based, where it starts), and the record or why it could not be read. */
export type ImportItem = { line: number; record: unknown } | { line: number; error: string };

export interface Rejection {
  line: number;
  reason: string;
}

export interface ImportSummary {
  read: number;
  imported: number;
  /** Usernames the realm already held (or an earlier line of the same input took). */
  skipped: number;
  rejected: number;
  /** The first MAX_REPORTED_REJECTIONS rejections. */
  rejections: Rejection[];
}

export interface BulkOptions {
  batchSize?: number;
  onProgress?: (summary: ImportSummary) => void;
}

/** The reason an input was refused, in the words of the v1 field violations. */
function reasonOf(error: unknown): string {
  if (error instanceof DomainError) {
    const violations = error.details?.flatMap((d) =>
      d.type === 'FieldViolations' ? d.field_violations.map((v) => `${v.field}: ${v.description}`) : [],
    );
    return violations && violations.length > 0 ? violations.join('; ') : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

function buildIdentity(ref: RealmRef, input: NewIdentityInput, now: string): Identity {
  const identity: Identity = {
    id: newId(),
    tenant_id: ref.tenantId,
    realm_id: ref.realmId,
    display_name: input.display_name,
    status: input.status ?? 'active',
    traits: newTraits(input.traits),
    enrollment_status: 'UNENROLLED',
    create_time: now,
    update_time: now,
    version: 1,
  };
  assertValidIdentity(identity);
  return identity;
}

/**
 * Imports identities from a stream of records, in transactions of `batchSize`. Every record passes
 * the same rules as a create (`assertValidIdentity`); a record that does not is rejected with its
 * line number and reason and the rest go on. Usernames the realm already holds are skipped, so
 * running the same import again changes nothing.
 */
export async function importIdentities(
  y: Yonder,
  ref: RealmRef,
  items: AsyncIterable<ImportItem> | Iterable<ImportItem>,
  options: BulkOptions = {},
): Promise<ImportSummary> {
  await requireRealm(y.store, ref.tenantId, ref.realmId);
  await y.store.bulk.beginBulkLoad();
  const batchSize = options.batchSize ?? BULK_BATCH_SIZE;
  const summary: ImportSummary = { read: 0, imported: 0, skipped: 0, rejected: 0, rejections: [] };
  const reject = (line: number, reason: string) => {
    summary.rejected++;
    if (summary.rejections.length < MAX_REPORTED_REJECTIONS) summary.rejections.push({ line, reason });
  };
  let batch: Identity[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const written = await y.store.transaction((tx) => tx.bulk.insertIdentitiesSkippingTaken(batch));
    summary.imported += written.size;
    summary.skipped += batch.length - written.size;
    batch = [];
    options.onProgress?.(summary);
  };
  const now = nowTimestamp();
  for await (const item of items) {
    summary.read++;
    if ('error' in item) {
      reject(item.line, item.error);
      continue;
    }
    const mapped = identityFromRecord(item.record);
    if (!mapped.ok) {
      reject(item.line, mapped.reason);
      continue;
    }
    try {
      batch.push(buildIdentity(ref, mapped.input, now));
    } catch (error) {
      reject(item.line, reasonOf(error));
      continue;
    }
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  if (summary.imported > 0) await y.store.bulk.endBulkLoad();
  return summary;
}

/**
 * Fills a realm with `count` made-up identities (`seed-0000001`, ...), with email, names and an
 * external id, the way a directory of that size would look. Re-running skips the ones already there.
 */
export async function seedIdentities(y: Yonder, ref: RealmRef, count: number, options: BulkOptions = {}): Promise<ImportSummary> {
  const width = Math.max(7, String(count).length);
  function* records(): Iterable<ImportItem> {
    for (let i = 1; i <= count; i++) {
      const n = String(i).padStart(width, '0');
      yield {
        line: i,
        record: {
          display_name: `Seed User ${n}`,
          traits: {
            type: 'traits_v0',
            username: `seed-${n}`,
            primary_email_address: `seed-${n}@example.com`,
            given_name: 'Seed',
            family_name: `User ${n}`,
            external_id: `ext-${n}`,
          },
        },
      };
    }
  }
  return importIdentities(y, ref, records(), options);
}

/**
 * Adds groups named "seed group N" up to `count`, skipping names the realm already has, so a
 * second seed adds nothing. Writes a thousand per transaction. Returns how many were added.
 */
export async function seedGroups(y: Yonder, ref: RealmRef, count: number): Promise<{ added: number; skipped: number }> {
  const taken = new Set<string>();
  for (let after = ''; ; ) {
    const page = await y.store.groups.page(ref.realmId, after, 0, 1000);
    for (const group of page) taken.add(foldedKey(group.display_name));
    const last = page[page.length - 1];
    if (!last || page.length < 1000) break;
    after = last.id;
  }
  const width = Math.max(5, String(count).length);
  let added = 0;
  for (let start = 1; start <= count; start += 1000) {
    await y.store.transaction(async (tx) => {
      for (let i = start; i < start + 1000 && i <= count; i++) {
        const name = `seed group ${String(i).padStart(width, '0')}`;
        if (taken.has(foldedKey(name))) continue;
        await insertGroup(tx, ref, { display_name: name });
        added++;
      }
    });
  }
  return { added, skipped: count - added };
}
