import { afterAll } from 'vitest';
import { killLeftoverServers } from './process.js';

// A server left running by a failed test would outlive the suite (its worker is stopped with
// SIGTERM, which runs no exit handlers): every process test file ends by killing what is left.
afterAll(killLeftoverServers);
