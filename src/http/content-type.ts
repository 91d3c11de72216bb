import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { MalformedRequest } from '../domain/errors.js';
import { hasUnstorableCharacter } from '../domain/text.js';
import { jsonSyntaxError } from './json-syntax.js';

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
      let text: string | null = null;
      try {
        text = strictUtf8.decode(body as Buffer);
        if (text.trim() === '') return done(null, undefined);
        // `__proto__` and `constructor.prototype` keys are refused outright, not merely dropped.
        const value: unknown = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
        if (hasUnstorableText(value)) throw new Error('unstorable text');
        done(null, value);
      } catch {
        // A body that is not UTF-8, or JSON refused for what it holds, stays a bare malformed request.
        done(new MalformedRequest((text !== null && jsonSyntaxError(text)) || undefined), undefined);
      }
    },
  );
}

/**
 * A body carrying U+0000 or a lone surrogate (see hasUnstorableCharacter), in a value or a key, is
 * refused up front instead of failing in the store or being quietly changed.
 */
function hasUnstorableText(value: unknown): boolean {
  if (typeof value === 'string') return hasUnstorableCharacter(value);
  if (Array.isArray(value)) return value.some(hasUnstorableText);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([key, v]) => hasUnstorableCharacter(key) || hasUnstorableText(v));
  }
  return false;
}

/** The same rule for the URL: a `%00` anywhere in the path or query is a malformed request. */
export function installUrlGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (/%00/.test(request.url) || request.url.includes('\u0000')) {
      throw new MalformedRequest();
    }
  });
}
