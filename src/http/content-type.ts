import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { DomainError } from '../domain/errors.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Bytes that are not UTF-8 throw instead of becoming U+FFFD (a leading byte-order mark is dropped). */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Only JSON bodies are accepted (`application/json` and `application/*+json`); anything else is a
 * 415. An empty body with a JSON content type is no body at all: Beyond Identity's own clients send
 * that header on every GET and DELETE.
 */
export function installJsonParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    /^application\/(?:[\w.-]+\+)?json(?:\s*;.*)?$/,
    { parseAs: 'buffer', bodyLimit: BODY_LIMIT_BYTES },
    (_request, body, done) => {
      try {
        const text = strictUtf8.decode(body as Buffer);
        if (text.trim() === '') return done(null, undefined);
        // `__proto__` and `constructor.prototype` keys are refused outright, not merely dropped.
        const value: unknown = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
        if (hasUnstorableText(value)) throw new Error('unstorable text');
        done(null, value);
      } catch {
        done(new DomainError('bad_request', 'invalid request'), undefined);
      }
    },
  );
}

/** U+0000, or a UTF-16 surrogate without its pair (valid JSON as `"\udfff"`, but not text). */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Strings no store keeps as sent: PostgreSQL text cannot hold U+0000 and refuses a lone surrogate
 * (once a 500), SQLite stores U+FFFD in its place. No name or trait needs either, so a body
 * carrying one, in a value or a key, is refused up front instead of failing in the store or being
 * quietly changed.
 */
function hasUnstorableText(value: unknown): boolean {
  if (typeof value === 'string') return UNSTORABLE.test(value);
  if (Array.isArray(value)) return value.some(hasUnstorableText);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([key, v]) => UNSTORABLE.test(key) || hasUnstorableText(v));
  }
  return false;
}

/** The same rule for the URL: a `%00` anywhere in the path or query is a malformed request. */
export function installUrlGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (/%00/.test(request.url) || request.url.includes('\u0000')) {
      throw new DomainError('bad_request', 'invalid request');
    }
  });
}
