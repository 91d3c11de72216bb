/** Where the PostgreSQL suite runs; each test file works in a schema of its own there. */
export const POSTGRES_URL = process.env.YONDER_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
