/**
 * Recognizes constraint violations from either driver, so store modules can turn them into domain
 * errors. SQLite reports them by error code; PostgreSQL by SQLSTATE.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** A duplicate primary key: the id the caller drew for a new row is another row's. */
export function isPrimaryKeyViolation(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  if (e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return true;
  return e?.code === '23505' && typeof e.constraint === 'string' && e.constraint.endsWith('_pkey');
}
