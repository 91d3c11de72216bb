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
        done(null, secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
      } catch {
        done(new DomainError('bad_request', 'invalid request'), undefined);
      }
    },
  );
}
