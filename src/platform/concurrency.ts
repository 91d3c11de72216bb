/**
 * Runs at most `atOnce` of the works given to it at the same time; up to `waiting` more wait
 * their turn, in order; beyond that a work is refused at once with `busy()`. For costly work any
 * caller can start (a SAML message's schema check), so a flood queues or is turned away instead of
 * taking every core and the memory from everything else.
 */
export function boundedConcurrency(atOnce: number, waiting: number, busy: () => Error): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const queue: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (running < atOnce) running++;
    else if (queue.length >= waiting) throw busy();
    // A finishing work hands its slot straight to the next in the queue, so `running` stays.
    else await new Promise<void>((resolve) => queue.push(resolve));
    try {
      return await work();
    } finally {
      const next = queue.shift();
      if (next) next();
      else running--;
    }
  };
}
