import { createHash, randomBytes } from 'node:crypto';

/** A 256-bit random token, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored only as their SHA-256, so a copy of the database cannot log anybody in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
