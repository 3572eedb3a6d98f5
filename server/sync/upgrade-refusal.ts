/**
 * Refusing a websocket upgrade with a plain HTTP answer written to the raw socket, so that a
 * refused client never gets an open websocket. The body is the API's JSON error shape.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

export function refuseUpgrade(socket: Duplex, status: number, code: string, message: string): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Connection: close\r\n' +
      'Cache-Control: no-store\r\n' +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n` +
      body
  );
}

/** The doc id of a `/sync/<docId>` path, or null when the path has no single, sane id. */
export function docIdOf(pathname: string, prefix: string): string | null {
  if (!pathname.startsWith(prefix)) return null;
  let id: string;
  try {
    id = decodeURIComponent(pathname.slice(prefix.length));
  } catch {
    return null;
  }
  return /^[A-Za-z0-9_-]{1,100}$/.test(id) ? id : null;
}
