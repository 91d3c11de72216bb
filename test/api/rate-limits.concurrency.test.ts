import { afterAll, beforeAll, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
import { LIMIT_BURSTS } from '../support/limit-bursts.js';
import { type Racer, racerOf } from '../support/races.js';

/**
 * Every limit holds when its requests arrive all at once: each burst is sent in parallel, half
 * through a second app on the same store (a second process's view). The same bursts run across
 * real processes in test/process/limits.concurrent-processes.
 */
describeApi('rate limits: bursts of parallel requests', () => {
  let y: TestYonder;
  let other: TestYonder;
  let racer: Racer;

  beforeAll(async () => {
    y = await TestYonder.start();
    other = await TestYonder.start(y.databaseLocation);
    racer = racerOf([y, other]);
  });
  afterAll(async () => {
    await other?.stop();
    await y?.close();
  });

  for (const race of LIMIT_BURSTS) it(race.name, () => race.run(racer));
});
