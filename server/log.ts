/**
 * Structured logs (pino). Request bodies are never logged; header and field names that could
 * carry secrets are redacted in case an object holding them is logged by mistake.
 */
import { pino, type Logger } from 'pino';

export type Log = Logger;

export function createLog(level: string): Log {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: [
        'password',
        '*.password',
        'newPassword',
        '*.newPassword',
        'currentPassword',
        '*.currentPassword',
        'token',
        '*.token',
        'setupCode',
        '*.setupCode',
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        'headers.cookie',
        'displayName',
        '*.displayName'
      ],
      censor: '[redacted]'
    }
  });
}
