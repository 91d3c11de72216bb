/**
 * Runs `work` now and then every `intervalMs`, on unref'd timers so it never keeps a process
 * alive, and never twice at once. Returns the function that stops it. Errors (the store going
 * away at shutdown) go to `onError`. Every process runs its own; the jobs using it are written so
 * that a second process running the same job at the same time finds nothing left to do.
 */
export function startPeriodicJob(work: () => Promise<unknown>, onError: (error: unknown) => void, intervalMs: number): () => void {
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    work()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(run, 0);
  const timer = setInterval(run, intervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

/** Calls `deleteBatch(batchSize)` until a batch deletes fewer rows; answers the total deleted. */
export async function deleteInBatches(deleteBatch: (limit: number) => Promise<number>, batchSize: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const n = await deleteBatch(batchSize);
    deleted += n;
    if (n < batchSize) return deleted;
  }
}
