/**
 * Runs `work` now and then every `intervalMs`, on unref'd timers so it never keeps a process alive,
 * and never twice at once. Returns the function that stops it. Errors (the store going away at
 * shutdown) go to `onError`.
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
