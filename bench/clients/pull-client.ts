/**
 * Client process of the pull benchmark, in two roles:
 *
 * - `seed`: writes N case files to the server through real providers (see case-file.ts), waits
 *   until the server has taken every update in, and keeps the docs open until `close`. Ours
 *   gets each case file as its ≈ 480 updates, one per message, so its log holds ≈ 480 rows per
 *   doc, as a real case file's would; the in-memory servers get each file as one update (what
 *   they hold in memory is the same doc either way, and seeding is not measured);
 * - `pull`: a fresh device that knows the N doc ids opens them all at once, with new Y.Docs and
 *   new sockets, and measures the time until every doc holds the complete state and the bytes
 *   that came in. Several pulls can run one after another in the same process (each starts
 *   from nothing), so a pull does not pay for starting Node.
 *
 * Hocuspocus clients share one socket for all docs (its provider's multiplexing, how a
 * Hocuspocus app opens many docs); y-websocket clients open one socket per doc.
 *
 * IPC: ← seed → seeded · (← pull → pulled · ← release → released)* · ← close (the process ends)
 */
import * as Y from 'yjs';
import { readCaseFiles } from '../lib/case-file-io.ts';
import {
  ByteCounter,
  connect,
  failFast,
  hocuspocusSocket,
  socketErrors,
  type Connection,
  type ServerSpec
} from './connect.ts';
import { exitWithParent } from '../servers/exit-with-parent.ts';

export interface SeedRequest {
  type: 'seed';
  spec: ServerSpec;
  docIds: string[];
  /** Docs seeded at the same time. */
  concurrency: number;
  /** `updates`: one message per update (≈ 480 per doc); `merged`: the whole doc as one update. */
  granularity: 'updates' | 'merged';
  /** The case files, as written by writeCaseFiles (file `offset + i` goes to docIds[i]). */
  caseFiles: string;
  /** Where in the case files this request's docs start (0 when omitted). */
  offset?: number;
}

export interface SeedResult {
  type: 'seeded';
  ms: number;
  messages: number;
  /** Per doc: Y.encodeStateAsUpdate size and the state vector (base64), for the pull's check. */
  expected: { encodedSize: number; stateVector: string }[];
}

export interface PullRequest {
  type: 'pull';
  spec: ServerSpec;
  docIds: string[];
  expected: { encodedSize: number; stateVector: string }[];
  timeoutMs: number;
}

export interface PullResult {
  type: 'pulled';
  /** ms from opening the first connection until every doc is complete (or the timeout). */
  ms: number;
  complete: number;
  docs: number;
  /** Websocket payload bytes received. */
  payloadBytes: number;
  /** TCP bytes read: payload + websocket framing + HTTP upgrade responses. */
  wireBytes: number;
  messages: number;
  /** Sum of the docs' Y.encodeStateAsUpdate sizes. */
  encodedBytes: number;
}

type Request = SeedRequest | PullRequest | { type: 'release' } | { type: 'close' };

function covers(doc: Y.Doc, expected: Map<number, number>): boolean {
  const local = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of expected) if ((local.get(client) ?? 0) < clock) return false;
  return true;
}

/** Connections held open: the seeder's docs, or the last pull's. */
let held: (() => void)[] = [];

function release(): void {
  for (const destroy of held) destroy();
  held = [];
}

async function seed(request: SeedRequest): Promise<SeedResult> {
  const started = performance.now();
  const expected: SeedResult['expected'] = [];
  let messages = 0;
  let next = 0;
  const caseFiles = readCaseFiles(request.caseFiles);
  const worker = async () => {
    while (next < request.docIds.length) {
      const i = next++;
      const caseFile = caseFiles[(request.offset ?? 0) + i];
      if (!caseFile) throw new Error(`no case file ${i} in ${request.caseFiles}`);
      expected[i] = {
        encodedSize: caseFile.encodedSize,
        stateVector: Buffer.from(caseFile.stateVector).toString('base64')
      };
      const connection = connect(request.spec, request.docIds[i] as string);
      // Stay connected: Hocuspocus without a storage extension drops a doc from memory when its
      // last connection closes, so the seeder holds every doc open until the pulls are done.
      held.push(() => connection.destroy());
      await connection.synced;
      if (request.granularity === 'merged') {
        Y.applyUpdate(connection.doc, caseFile.encoded);
        messages += 1;
      } else {
        for (const update of caseFile.updates) Y.applyUpdate(connection.doc, update);
        messages += caseFile.updates.length;
      }
      await connection.barrier();
    }
  };
  await failFast(Promise.all(Array.from({ length: request.concurrency }, worker)), 'seeding');
  return { type: 'seeded', ms: performance.now() - started, messages, expected };
}

async function pull(request: PullRequest): Promise<PullResult> {
  release();
  socketErrors.length = 0;
  const counter = new ByteCounter();
  const started = performance.now();
  const shared = request.spec.protocol === 'hocuspocus' ? hocuspocusSocket(request.spec, counter) : undefined;
  const connections: Connection[] = [];
  let complete = 0;
  const done = request.docIds.map((docId, i) => {
    const connection = connect(request.spec, docId, new Y.Doc(), { counter, sharedSocket: shared });
    connections.push(connection);
    const target = Y.decodeStateVector(Buffer.from(request.expected[i]?.stateVector ?? '', 'base64'));
    return connection.synced.then(
      () =>
        new Promise<void>((resolve) => {
          const check = () => {
            if (!covers(connection.doc, target)) return;
            connection.doc.off('update', check);
            complete++;
            resolve();
          };
          connection.doc.on('update', check);
          check();
        })
    );
  });
  // The docs stay open until `release`, so the orchestrator can read the server's memory with
  // all of them open.
  held = [...connections.map((c) => () => c.destroy()), () => shared?.destroy()];
  await failFast(
    Promise.race([Promise.all(done), new Promise((resolve) => setTimeout(resolve, request.timeoutMs))]),
    'pull'
  );
  return {
    type: 'pulled',
    ms: performance.now() - started,
    complete,
    docs: request.docIds.length,
    payloadBytes: counter.payload,
    wireBytes: counter.wire(),
    messages: counter.messages,
    encodedBytes: request.expected.reduce((sum, e) => sum + e.encodedSize, 0)
  };
}

process.on('message', (message: Request) => {
  const run = async () => {
    if (message.type === 'seed') process.send?.(await seed(message));
    else if (message.type === 'pull') process.send?.(await pull(message));
    else if (message.type === 'release') {
      release();
      process.send?.({ type: 'released' });
    } else if (message.type === 'close') {
      release();
      process.exit(0);
    }
  };
  run().catch((error: unknown) =>
    process.send?.({
      type: 'error',
      error: error instanceof Error ? (error.stack ?? error.message) : String(error)
    })
  );
});
// Every y-websocket provider adds a process 'exit' listener; hundreds of them are expected here.
process.setMaxListeners(0);
exitWithParent();
process.send?.({ type: 'hello' });
