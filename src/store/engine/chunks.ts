/** Keeps every `IN (...)` list well under both engines' bound-parameter limits. */
const CHUNK = 500;

/** `items` in consecutive slices of at most 500, one `IN (...)` list each. */
export function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}
