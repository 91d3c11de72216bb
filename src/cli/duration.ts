const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `90d`, `12h`, `30m`, `45s` or a bare number of seconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * (UNITS[match[2] || 's'] ?? 1) : NaN;
  if (!Number.isSafeInteger(seconds) || seconds <= 0) {
    throw new Error(`"${text}" is not a duration; use e.g. 90d, 12h, 30m or a number of seconds`);
  }
  return seconds;
}
