/**
 * Work a request starts and does not wait for, kept track of so that closing yonder (and a test)
 * can wait until it has settled. Used where the time a reply takes must not depend on the work:
 * "send me a new link" answers as fast for an unknown person as for a known one, whose link is
 * made and mailed after the reply.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  /** Starts `work`; a failure goes to `onError`, never to the caller. */
  run(work: () => Promise<unknown>, onError: (error: unknown) => void): void {
    const done: Promise<void> = Promise.resolve()
      .then(work)
      .then(
        () => undefined,
        (error: unknown) => onError(error),
      )
      .finally(() => this.running.delete(done));
    this.running.add(done);
  }

  /** Resolves once everything started so far (and anything it started) has settled. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
