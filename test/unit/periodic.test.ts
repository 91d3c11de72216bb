import { describe, expect, it } from 'vitest';
import { startPeriodicJob } from '../../src/platform/periodic.js';

const INTERVAL_MS = 5;
const never = (error: unknown) => {
  throw error;
};

/** Resolves once a job on the same interval has run `runs` times: time enough for any timer of it to fire. */
function witness(runs: number): Promise<void> {
  return new Promise((resolve) => {
    let count = 0;
    const stop = startPeriodicJob(
      async () => {
        if (++count < runs) return;
        stop();
        resolve();
      },
      never,
      INTERVAL_MS,
    );
  });
}

/**
 * The timer every cleanup job of `yonder serve` runs on (ceremonies, audit retention, rate-limit
 * counters). Stopping is proved against a witness job on the same interval rather than a sleep:
 * while the witness runs five times, a job that were still scheduled would run too.
 */
describe('startPeriodicJob', () => {
  it('runs at once, then again every interval', async () => {
    let runs = 0;
    const stop = startPeriodicJob(async () => void runs++, never, INTERVAL_MS);
    try {
      await witness(5);
      expect(runs).toBeGreaterThanOrEqual(3);
    } finally {
      stop();
    }
  });

  it('runs no more once stopped, while a job on the same interval runs five times', async () => {
    let runs = 0;
    const stop = startPeriodicJob(async () => void runs++, never, INTERVAL_MS);
    await witness(3);
    expect(runs).toBeGreaterThan(0);
    stop();
    const stoppedAt = runs;
    await witness(5);
    expect(runs).toBe(stoppedAt);
  });

  it('stopped before its first run, it never runs', async () => {
    let runs = 0;
    startPeriodicJob(async () => void runs++, never, INTERVAL_MS)();
    await witness(5);
    expect(runs).toBe(0);
  });

  it('never runs twice at once: a run still going when the interval comes round is not doubled', async () => {
    let running = 0;
    let most = 0;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    const stop = startPeriodicJob(
      async () => {
        runs++;
        running++;
        most = Math.max(most, running);
        if (runs === 1) await released;
        running--;
      },
      never,
      INTERVAL_MS,
    );
    try {
      await witness(5);
      expect(runs).toBe(1);
      release();
      await witness(5);
      expect(runs).toBeGreaterThan(1);
      expect(most).toBe(1);
    } finally {
      stop();
    }
  });

  it('hands a failed run to onError and keeps running', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const stop = startPeriodicJob(
      async () => {
        if (++runs === 1) throw new Error('store gone');
      },
      (error) => errors.push(error),
      INTERVAL_MS,
    );
    try {
      await witness(5);
      expect(errors).toEqual([new Error('store gone')]);
      expect(runs).toBeGreaterThan(1);
    } finally {
      stop();
    }
  });
});
