/**
 * The master key every test store is sealed with (the template every API test file copies, and the
 * process tests' servers and CLI runs, which share stores). A test about the key itself gives its
 * own; nothing here is secret.
 */
export const TEST_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');
