import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import { REDACTED, redactUrl } from '../domain/audit/redact.js';

/** Where log lines go (a pino destination): stdout by default; tests pass a stream they read. */
export interface LogDestination {
  write(line: string): void;
}

export interface LogOptions {
  level: string;
  stream?: LogDestination;
}

/**
 * The HTTP log keeps secrets out. Fastify's own request serializer writes the URL with its query
 * string, and a binding link (`:invokeAuthenticator?token=...`) or an OAuth callback carries its
 * secret there: the URL is written with those values masked (`redactUrl`). Headers and bodies are
 * never serialized (only method, URL, host and address); should anything log them anyway,
 * `Authorization`, `Cookie`, `Set-Cookie` and bodies are censored by path as well.
 */
export function loggerOptions(options: LogOptions): NonNullable<FastifyServerOptions['logger']> {
  return {
    level: options.level,
    ...(options.stream ? { stream: options.stream } : {}),
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactUrl(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
    },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.body',
        'res.headers["set-cookie"]',
        'headers.authorization',
        'headers.cookie',
        'body',
      ],
      censor: REDACTED,
    },
  };
}
