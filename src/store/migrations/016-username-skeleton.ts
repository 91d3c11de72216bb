import { type Kysely, sql } from 'kysely';

/**
 * Usernames that look the same (Cyrillic `асе` and Latin `ace`) may not both be taken in a realm:
 * each identity keeps its username's skeleton (domain/directory/names.ts usernameSkeleton) under a unique
 * index. Existing rows get theirs from the folded key by the frozen copy of the look-alike table
 * below, in SQL (nested `replace`, the same on both engines). Where existing identities already
 * share a skeleton, the oldest keeps it and the others keep none (a unique index lets NULLs be),
 * so the migration never fails on data it did not make.
 */
const LOOK_ALIKE_LETTERS: Record<string, string> = {
  '\u0430': 'a',
  '\u0432': 'b',
  '\u0435': 'e',
  '\u0456': 'i',
  '\u0458': 'j',
  '\u043a': 'k',
  '\u043c': 'm',
  '\u043d': 'h',
  '\u043e': 'o',
  '\u0440': 'p',
  '\u0441': 'c',
  '\u0442': 't',
  '\u0443': 'y',
  '\u0445': 'x',
  '\u0455': 's',
  '\u0501': 'd',
  '\u04bb': 'h',
  '\u051b': 'q',
  '\u051d': 'w',
  '\u04cf': 'l',
  '\u0457': 'i',
  '\u04bd': 'e',
  '\u03b1': 'a',
  '\u03b2': 'b',
  '\u03b3': 'y',
  '\u03b5': 'e',
  '\u03b9': 'i',
  '\u03ba': 'k',
  '\u03bd': 'v',
  '\u03bf': 'o',
  '\u03c1': 'p',
  '\u03c4': 't',
  '\u03c5': 'u',
  '\u03c7': 'x',
  '\u03c9': 'w',
  '\u03b7': 'n',
  '\u03b6': 'z',
  '\u03bc': 'u',
};

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('identities').addColumn('username_skeleton', 'text').execute();
  let skeleton = sql`"username_key"`;
  for (const [letter, latin] of Object.entries(LOOK_ALIKE_LETTERS)) skeleton = sql`replace(${skeleton}, ${sql.lit(letter)}, ${sql.lit(latin)})`;
  await sql`update identities set username_skeleton = ${skeleton}`.execute(db);
  // A plain index first, so finding the identities that share a skeleton is not a scan per row.
  await sql`create index identities_username_skeleton_tmp on identities (realm_id, username_skeleton, id)`.execute(db);
  await sql`update identities set username_skeleton = null
    where exists (select 1 from identities older
      where older.realm_id = identities.realm_id and older.username_skeleton = identities.username_skeleton and older.id < identities.id)`.execute(
    db,
  );
  await sql`drop index identities_username_skeleton_tmp`.execute(db);
  await sql`create unique index identities_realm_username_skeleton_idx on identities (realm_id, username_skeleton)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('identities_realm_username_skeleton_idx').execute();
  await db.schema.alterTable('identities').dropColumn('username_skeleton').execute();
}
