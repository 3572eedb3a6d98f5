/**
 * Helpers for the sync integration tests: the stock y-websocket client with a bearer token,
 * raw websocket clients for protocol-level tests, and users with a participant's case doc.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { expect, vi } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MESSAGE_PERSISTED, MESSAGE_SYNC } from '../../src/lib/api/sync-protocol.ts';
import { uuidv7 } from '../../src/lib/domain/ids.ts';
import type { ApiClient, TestServer } from '../helpers/test-server.ts';

/** A `ws` WebSocket that sends `Authorization: Bearer <token>` on the upgrade. */
export function bearerWebSocket(token: string) {
  return class BearerWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { authorization: `Bearer ${token}` } });
    }
  };
}

export interface SyncClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The last state vector the server reported as persisted (MESSAGE_PERSISTED). */
  persisted(): Uint8Array | null;
  destroy(): void;
}

/**
 * The unmodified stock WebsocketProvider for `/sync/<docId>`. BroadcastChannel is off: clients in
 * one test process would otherwise sync with each other directly, past the server. With
 * `trackPersisted` a handler for MESSAGE_PERSISTED is added to the provider's handler table (the
 * provider's own extension point); without it the stock client logs and ignores the message.
 */
export function syncClient(
  server: TestServer,
  token: string,
  docId: string,
  options: { doc?: Y.Doc; connect?: boolean; trackPersisted?: boolean } = {}
): SyncClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(`${server.wsUrl}/sync`, docId, doc, {
    WebSocketPolyfill: bearerWebSocket(token) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
    maxBackoffTime: 200
  });
  let persisted: Uint8Array | null = null;
  if (options.trackPersisted ?? true) {
    provider.messageHandlers[MESSAGE_PERSISTED] = (_encoder, decoder) => {
      persisted = decoding.readVarUint8Array(decoder);
    };
  }
  return {
    doc,
    provider,
    persisted: () => persisted,
    destroy() {
      provider.destroy();
      doc.destroy();
    }
  };
}

export async function waitSynced(client: SyncClient): Promise<void> {
  await vi.waitFor(() => expect(client.provider.synced).toBe(true), { timeout: 10_000, interval: 10 });
}

/** True when every clock in `local` is covered by `persisted`. */
export function covers(persisted: Uint8Array | null, local: Uint8Array): boolean {
  if (persisted === null) return false;
  const p = Y.decodeStateVector(persisted);
  for (const [client, clock] of Y.decodeStateVector(local)) if ((p.get(client) ?? 0) < clock) return false;
  return true;
}

/** Waits until the server reports the client's whole local state as persisted. */
export async function waitPersisted(client: SyncClient): Promise<void> {
  await vi.waitFor(() => expect(covers(client.persisted(), Y.encodeStateVector(client.doc))).toBe(true), {
    timeout: 10_000,
    interval: 10
  });
}

/** A raw websocket to `/sync/<docId>` that records frames and the close code. */
export interface RawClient {
  ws: WebSocket;
  frames: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
  send(frame: Uint8Array): void;
}

export async function rawClient(server: TestServer, token: string, docId: string): Promise<RawClient> {
  const WS = bearerWebSocket(token);
  const ws = new WS(`${server.wsUrl}/sync/${docId}`);
  const frames: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
  );
  ws.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  return { ws, frames, closed, send: (frame) => ws.send(frame) };
}

/** Answers the HTTP status of an upgrade to `/sync/<docId>` (101 when it opens). */
export async function upgradeStatus(server: TestServer, docId: string, headers: Record<string, string>) {
  const ws = new WebSocket(`${server.wsUrl}/sync/${docId}`, { headers });
  return new Promise<{ status: number; body: string }>((resolve) => {
    ws.once('open', () => {
      ws.close();
      resolve({ status: 101, body: '' });
    });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.on('error', () => {});
  });
}

/** A sync message carrying a Yjs update. */
export function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Registers a participant as `worker` and returns the case doc id. */
export async function newCase(
  worker: ApiClient,
  team?: { workers: string[]; experts: string[]; readers?: string[] }
) {
  const id = uuidv7();
  const res = await worker.post('/api/participants', { id, displayName: 'Testi Henkilö' });
  expect(res.status).toBe(201);
  if (team) expect((await worker.put(`/api/participants/${id}/team`, team)).status).toBe(200);
  return id;
}

/** The text of a root Y.Text, for convergence checks. */
export function textOf(doc: Y.Doc, name = 't'): string {
  return doc.getText(name).toString();
}
