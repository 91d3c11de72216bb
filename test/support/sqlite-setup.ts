import type { TestProject } from 'vitest/node';
import { sqliteTemplate } from './store-template.js';

/** Makes the migrated SQLite file the test files copy (see store-template.ts), and removes it at the end. */
export default async function setup(project: TestProject): Promise<() => void> {
  const template = await sqliteTemplate();
  project.provide('storeTemplate', template.file);
  return template.remove;
}
