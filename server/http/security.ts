/**
 * Security headers for every response. The CSP allows only this origin; the hashes of the app
 * shell's inline boot scripts are added by {@link scriptHashes} at start-up.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';

/** SHA-256 hashes ('sha256-…') of every inline <script> in the built HTML files. */
export function scriptHashes(appDir: string): string[] {
  const hashes = new Set<string>();
  for (const file of ['index.html', '200.html']) {
    let html: string;
    try {
      html = fs.readFileSync(path.join(appDir, file), 'utf8');
    } catch {
      continue;
    }
    for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
      const body = m[1] ?? '';
      if (body.trim() === '') continue;
      hashes.add(`'sha256-${createHash('sha256').update(body).digest('base64')}'`);
    }
  }
  return [...hashes];
}

export function contentSecurityPolicy(hashes: string[]): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`.trim(),
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'"
  ].join('; ');
}

export function applySecurityHeaders(res: ServerResponse, csp: string, tls: boolean): void {
  res.setHeader('content-security-policy', csp);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
  res.setHeader('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  if (tls) res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
}
