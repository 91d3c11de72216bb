import { afterAll, beforeAll, it } from 'vitest';
import { TestYonder, describeApi } from '../support/harness.js';
import { type Racer, racerOf } from '../support/races.js';
import { UNIQUENESS_RACES } from '../support/uniqueness-races.js';

/**
 * Every uniqueness rule holds when the writes that would break it arrive at once, half through a
 * second app on the same store (a second process's view). The same races run across real
 * processes in test/process/uniqueness.concurrent-processes.
 */
describeApi('uniqueness rules under bursts of parallel writes', () => {
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

  for (const race of UNIQUENESS_RACES) it(race.name, () => race.run(racer));
});
