/**
 * The first-run setup code. While no account exists, the server makes a one-time code and prints
 * it to its console; `POST /api/setup` must present it, so that nobody else on the network can
 * take over a fresh install.
 */
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';

export class SetupState {
  private code: string | null = null;

  /** Makes (or takes from config) the code; returns it so the caller can print it. */
  arm(fixed?: string): string {
    this.code = fixed ?? formatCode(randomBytes(10));
    return this.code;
  }

  get armed(): boolean {
    return this.code !== null;
  }

  /** Constant-time comparison; spaces, dashes and case are ignored. */
  matches(candidate: string): boolean {
    if (this.code === null) return false;
    const a = createHash('sha256').update(normalise(candidate)).digest();
    const b = createHash('sha256').update(normalise(this.code)).digest();
    return timingSafeEqual(a, b);
  }

  disarm(): void {
    this.code = null;
  }
}

function normalise(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

function formatCode(bytes: Buffer): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0 && i % 5 === 0) out += '-';
    out += alphabet[bytes[i]! % alphabet.length];
  }
  return out;
}
