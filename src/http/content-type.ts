import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { DomainError } from '../domain/errors.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Only JSON bodies are accepted (`application/json` and `application/*+json`); anything else is a
 * 415. An empty body with a JSON content type is no body at all: Beyond Identity's own clients send
 * that header on every GET and DELETE.
 */
export function installJsonParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    /^application\/(?:[\w.-]+\+)?json(?:\s*;.*)?$/,
    { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES },
    (_request, body, done) => {
      const text = String(body);
      if (text.trim() === '') return done(null, undefined);
      try {
        // `__proto__` and `constructor.prototype` keys are refused outright, not merely dropped.
        const value: unknown = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
        if (hasNulCharacter(value)) throw new Error('NUL character');
        done(null, value);
      } catch {
        done(new DomainError('bad_request', 'invalid request'), undefined);
      }
    },
  );
}

/**
 * PostgreSQL text cannot hold U+0000, and no name or trait needs it: a body carrying one is refused
 * up front instead of failing in the store.
 */
function hasNulCharacter(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNulCharacter);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([key, v]) => key.includes('\u0000') || hasNulCharacter(v));
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
