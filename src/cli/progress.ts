/**
 * A progress bar on stderr: done/total, percent, rate and ETA. On a terminal it redraws one line;
 * elsewhere (CI logs, pipes) it prints a line every few seconds instead.
 */
export class ProgressBar {
  private readonly started = Date.now();
  private lastDraw = 0;
  private readonly tty: boolean;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = Boolean(stream.isTTY);
  }

  /** `fraction` is how far along the input is (0–1), when the count alone cannot say. */
  update(done: number, fraction: number, force = false): void {
    const now = Date.now();
    if (!force && now - this.lastDraw < (this.tty ? 100 : 5000)) return;
    this.lastDraw = now;
    const elapsed = (now - this.started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const f = Math.min(1, Math.max(0, fraction));
    const eta = f > 0 ? (elapsed * (1 - f)) / f : NaN;
    const width = 30;
    const filled = Math.round(f * width);
    const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
    const line =
      `${this.label} [${bar}] ${(f * 100).toFixed(1).padStart(5)}% ${done.toLocaleString('en-US')} ` +
      `${Math.round(rate).toLocaleString('en-US')}/s ETA ${formatSeconds(eta)} elapsed ${formatSeconds(elapsed)}`;
    this.stream.write(this.tty ? `\r${line}\u001b[K` : `${line}\n`);
  }

  /** A line about what happens next, when it is not counted by the bar (e.g. building indexes). */
  note(text: string): void {
    this.stream.write(this.tty ? `\r${this.label}: ${text}\u001b[K` : `${this.label}: ${text}\n`);
  }

  finish(done: number): void {
    this.update(done, 1, true);
    if (this.tty) this.stream.write('\n');
  }
}

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--';
  if (seconds < 60) return `${seconds.toFixed(0)}s`;
  const m = Math.floor(seconds / 60);
  return `${m}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
}
