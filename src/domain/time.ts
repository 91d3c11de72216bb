/**
 * All timestamps are RFC 3339 UTC strings with milliseconds. Stored as text on both engines, they
 * sort in time order and read back byte for byte, so SQLite and PostgreSQL answer alike.
 */
export function nowTimestamp(): string {
  return new Date().toISOString();
}

export function addSeconds(timestamp: string, seconds: number): string {
  return new Date(Date.parse(timestamp) + seconds * 1000).toISOString();
}
