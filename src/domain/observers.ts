/**
 * Callbacks a lower layer calls so that an upper one can watch it without the lower one importing
 * it: the store and the token signer report what they did, and the HTTP layer's metrics count it.
 * Each store or signer has its own, so two yonders in one process (tests) never count each other.
 */
export class Observers<T> {
  private readonly listeners = new Set<(value: T) => void>();

  /** Adds a listener and returns the function that removes it again. */
  add(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(value: T): void {
    for (const listener of this.listeners) listener(value);
  }
}
