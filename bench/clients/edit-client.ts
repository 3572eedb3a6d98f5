/**
 * Client process of the edit benchmark: K real providers on each of its docs, each making R
 * edits per second while the orchestrator says so (it interleaves the servers in time slices).
 *
 * Every edit is a Y.Map set of key `<client>:<n>` to `{ t, m }`: `t` is the sender's
 * `performance.now()`, `m` the measured slice it was made in (1, 2, …; 0 when not measured). All clients of a doc live
 * in this process, so a receiver's `performance.now() - t` is the latency on one clock. After
 * `stop` the process waits (bounded) until every client has every key, then opens one fresh
 * reader per doc to read the server's state, and reports latencies, lost edits and divergent
 * docs.
 *
 * IPC: ← init · → ready · ← phase(warmup|measure|pause)* · ← stop · → result
 */
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { connect, failFast, type Connection, type ServerSpec } from './connect.ts';
import { exitWithParent } from '../servers/exit-with-parent.ts';

export interface EditInit {
  type: 'init';
  spec: ServerSpec;
  docIds: string[];
  clientsPerDoc: number;
  editsPerSecond: number;
  /** How long to wait after `stop` for the last edits to arrive everywhere. */
  graceMs: number;
  syncTimeoutMs: number;
}

export interface EditResult {
  type: 'result';
  /** ms from edit to arrival on another client, measured edits only. */
  latencies: number[];
  /** The measured slice of each latency (same index). */
  slices: number[];
  sent: number;
  sentMeasured: number;
  /** Edits missing on at least one peer (or the server's copy) after the grace period. */
  lost: number;
  /** Docs whose encoded state differs between its clients or the server's copy. */
  divergent: number;
  docs: number;
  /** ms the last edits took to arrive everywhere after stop (graceMs if they never did). */
  settleMs: number;
}

type Message =
  EditInit | { type: 'phase'; phase: 'warmup' | 'measure' | 'pause'; slice?: number } | { type: 'stop' };

interface Client {
  index: number;
  connection: Connection;
  map: Y.Map<{ t: number; m: number }>;
  sent: number;
  timer?: NodeJS.Timeout;
}

const SETTLE_POLL_MS = 50;

let init: EditInit | undefined;
/** The measured slice now running (1, 2, …), or 0. */
let slice = 0;
let editing = false;
const docs: { docId: string; clients: Client[] }[] = [];
const latencies: number[] = [];
const slices: number[] = [];
let sentMeasured = 0;

function send(message: object): void {
  process.send?.(message);
}

function fail(error: unknown): void {
  send({ type: 'error', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}

async function start(message: EditInit): Promise<void> {
  init = message;
  const connections: Promise<void>[] = [];
  for (const docId of message.docIds) {
    const clients: Client[] = [];
    for (let index = 0; index < message.clientsPerDoc; index++) {
      const connection = connect(message.spec, docId);
      const map = connection.doc.getMap<{ t: number; m: number }>('edits');
      map.observe((event, transaction) => {
        if (transaction.local) return;
        const now = performance.now();
        for (const key of event.keysChanged) {
          const value = map.get(key);
          if (value && value.m > 0) {
            latencies.push(now - value.t);
            slices.push(value.m);
          }
        }
      });
      clients.push({ index, connection, map, sent: 0 });
      connections.push(connection.synced);
    }
    docs.push({ docId, clients });
  }
  const started = performance.now();
  await failFast(Promise.all(connections), 'connecting');
  send({ type: 'ready', connectMs: performance.now() - started });
}

/** Bumped on every start and stop, so a timer from an earlier start never edits. */
let generation = 0;

function startEditing(editsPerSecond: number): void {
  editing = true;
  const current = ++generation;
  const interval = 1000 / editsPerSecond;
  for (const { clients } of docs) {
    for (const client of clients) {
      // A random phase per client spreads the edits instead of sending them in bursts.
      setTimeout(() => {
        if (generation !== current) return;
        const edit = () => {
          client.map.set(`${client.index}:${client.sent++}`, { t: performance.now(), m: slice });
          if (slice > 0) sentMeasured++;
        };
        edit();
        client.timer = setInterval(edit, interval);
      }, Math.random() * interval);
    }
  }
}

function stopEditing(): void {
  editing = false;
  generation++;
  for (const { clients } of docs) for (const client of clients) clearInterval(client.timer);
}

/** Keys of edits that some copy of the doc lacks. */
function missingEdits(clients: Client[], copies: { has(key: string): boolean }[]): number {
  let missing = 0;
  for (const sender of clients) {
    for (let n = 0; n < sender.sent; n++) {
      const key = `${sender.index}:${n}`;
      if (copies.some((copy) => !copy.has(key))) missing++;
    }
  }
  return missing;
}

function digest(doc: Y.Doc): string {
  return createHash('sha256').update(Y.encodeStateAsUpdate(doc)).digest('hex');
}

async function stop(): Promise<void> {
  if (!init) throw new Error('stop before init');
  stopEditing();
  const stopped = performance.now();
  const settled = () =>
    docs.every(
      ({ clients }) =>
        missingEdits(
          clients,
          clients.map((c) => c.map)
        ) === 0
    );
  while (!settled() && performance.now() - stopped < init.graceMs) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
  const settleMs = performance.now() - stopped;

  // A fresh reader per doc shows what the server holds.
  const spec = init.spec;
  const readers = docs.map(({ docId }) => connect(spec, docId));
  await Promise.race([
    Promise.all(readers.map((r) => r.synced)),
    new Promise((resolve) => setTimeout(resolve, init?.syncTimeoutMs))
  ]);
  let lost = 0;
  let divergent = 0;
  let sent = 0;
  docs.forEach(({ clients }, i) => {
    const reader = readers[i] as Connection;
    const copies = [...clients.map((c) => c.map), reader.doc.getMap('edits')];
    lost += missingEdits(clients, copies);
    sent += clients.reduce((sum, c) => sum + c.sent, 0);
    const digests = new Set([...clients.map((c) => digest(c.connection.doc)), digest(reader.doc)]);
    if (digests.size > 1) divergent++;
  });
  for (const reader of readers) reader.destroy();
  for (const { clients } of docs) for (const client of clients) client.connection.destroy();
  const result: EditResult = {
    type: 'result',
    latencies,
    slices,
    sent,
    sentMeasured,
    lost,
    divergent,
    docs: docs.length,
    settleMs
  };
  send(result);
}

process.on('message', (message: Message) => {
  const run = async () => {
    if (message.type === 'init') {
      await start(message);
    } else if (message.type === 'phase') {
      if (message.phase === 'pause') {
        stopEditing();
        return;
      }
      slice = message.phase === 'measure' ? (message.slice ?? 1) : 0;
      if (!editing) startEditing(init?.editsPerSecond ?? 1);
    } else if (message.type === 'stop') {
      await stop();
    }
  };
  run().catch(fail);
});
// Every y-websocket provider adds a process 'exit' listener; hundreds of them are expected here.
process.setMaxListeners(0);
exitWithParent();
process.send?.({ type: 'hello' });
