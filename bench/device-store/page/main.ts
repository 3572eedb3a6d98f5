/**
 * The browser side of the device store benchmark. Exposes `window.deviceBench`, which the
 * Playwright driver (../run.ts) calls with page.evaluate: seed the stores in one page, then
 * time cold opens (the first doc a fresh page opens) and warm opens (the same doc again, into a
 * new Y.Doc, in the same page), one evaluate per open so the driver can also read Chromium's
 * main-thread task time around each.
 *
 * Both stores get the same bytes: the updates of a realistic case file (bench/lib/case-file.ts).
 * Seeding writes the stored form directly (our encrypted records through the real crypto and
 * record format; y-indexeddb's plain `updates` store), because 5 000 one-by-one transactions
 * per copy would make the run take minutes; what is timed is only the real open path.
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { docRecordAad, sealPacked } from '../../../src/lib/persistence/crypto.ts';
import { openDeviceStore, type DeviceStore } from '../../../src/lib/persistence/device-store.ts';
import { DEFAULT_COMPACTION } from '../../../src/lib/persistence/doc-store.ts';
import type { UpdateKey } from '../../../src/lib/persistence/device-db.ts';
import { encodeRecordPayload } from '../../../src/lib/persistence/record-format.ts';
import { buildCaseFile } from '../../lib/case-file.ts';

const USER = 'bench-user';
const PASSPHRASE = 'penkkitesti salasana';
const LONG_HISTORY_SEED = 42;

/**
 * - `log`: all updates stored one record each (y-indexeddb's state after a burst of edits; for
 *   our store the worst case, compaction never having run);
 * - `tail`: a snapshot plus the last TAIL_RECORDS updates (our store's worst steady state: the
 *   compaction threshold);
 * - `compacted`: one record holding the whole state.
 */
export type Scenario = 'log' | 'tail' | 'compacted';
/** Records after the snapshot in the `tail` scenario: our default compaction threshold. */
export const TAIL_RECORDS = DEFAULT_COMPACTION.maxRecords;
export type StoreName = 'ours' | 'y-indexeddb';

export interface OpenTiming {
  ms: number;
  /** Hex of the loaded doc's state vector: the driver checks both stores load the same. */
  stateVector: string;
  /** Records applied (ours) or updates read (y-indexeddb). */
  records: number;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function copyName(scenario: Scenario, rep: number): string {
  return `bench-${scenario}-${rep}`;
}

async function unlockedDevice(
  userId: string,
  compaction?: false
): Promise<{ device: DeviceStore; openMs: number; unlockMs: number }> {
  const t0 = performance.now();
  const device = await openDeviceStore(userId, { docs: compaction === false ? { compaction: false } : {} });
  const t1 = performance.now();
  if (device.keyring.state === 'no-key') await device.keyring.createKey(PASSPHRASE);
  else await device.keyring.unlock(PASSPHRASE);
  return { device, openMs: t1 - t0, unlockMs: performance.now() - t1 };
}

/** Writes `updates` as records 1..n of `docId`, exactly as the store's append would encrypt them. */
async function seedOurs(device: DeviceStore, docId: string, updates: Uint8Array[]): Promise<void> {
  const key = device.keyring.requireKey();
  const rows = await Promise.all(
    updates.map((update, i) => sealPacked(key, docRecordAad(docId, i + 1), encodeRecordPayload([update])))
  );
  const keys = rows.map((_, i): UpdateKey => [docId, i + 1]);
  const bytes = rows.reduce((sum, row) => sum + row.byteLength, 0);
  const db = device.db;
  await db.transaction('rw', db.updates, db.docMeta, async () => {
    await Promise.all(rows.map((row, i) => db.updates.add(row, keys[i])));
    await db.docMeta.put({
      docId,
      nextSeq: rows.length + 1,
      records: rows.length,
      bytes,
      snapshotSeq: 0,
      snapshotBytes: 0,
      compactedAt: 0
    });
  });
}

/** Creates y-indexeddb's database for `name` (the same schema it creates) holding `updates`. */
function seedYIndexeddb(name: string, updates: Uint8Array[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onupgradeneeded = () => {
      request.result.createObjectStore('updates', { autoIncrement: true });
      request.result.createObjectStore('custom');
    };
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction('updates', 'readwrite');
      const store = tx.objectStore('updates');
      for (const update of updates) store.add(update);
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

/** Seeds every copy the measuring pages will open (run once, in its own page). */
async function seed(
  reps: number,
  updateCount: number
): Promise<{ updates: number; encodedBytes: number; stateVector: string }> {
  const history = buildCaseFile(LONG_HISTORY_SEED, updateCount);
  const stateOf = (updates: Uint8Array[]) => {
    const doc = new Y.Doc();
    Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u)));
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return state;
  };
  const snapshot = stateOf(history.updates);
  // Compaction (ours, and y-indexeddb's storeState) leaves one update holding the merged state.
  const records: Record<Scenario, Uint8Array[]> = {
    log: history.updates,
    tail: [stateOf(history.updates.slice(0, -TAIL_RECORDS)), ...history.updates.slice(-TAIL_RECORDS)],
    compacted: [snapshot]
  };
  const { device } = await unlockedDevice(USER, false);
  for (let rep = 0; rep < reps; rep++) {
    for (const scenario of ['log', 'tail', 'compacted'] as const) {
      await seedOurs(device, copyName(scenario, rep), records[scenario]);
      await seedYIndexeddb(copyName(scenario, rep), records[scenario]);
    }
  }
  await device.close();
  return {
    updates: history.updates.length,
    encodedBytes: snapshot.byteLength,
    stateVector: hex(history.stateVector)
  };
}

async function openOurs(device: DeviceStore, docId: string): Promise<OpenTiming> {
  const doc = new Y.Doc();
  const t0 = performance.now();
  const report = await device.docs.load(docId, doc);
  const ms = performance.now() - t0;
  const timing = { ms, stateVector: hex(Y.encodeStateVector(doc)), records: report.applied };
  device.docs.detach(docId, doc);
  doc.destroy();
  return timing;
}

async function openYIndexeddb(name: string): Promise<OpenTiming> {
  const doc = new Y.Doc();
  const t0 = performance.now();
  const persistence = new IndexeddbPersistence(name, doc);
  await persistence.whenSynced;
  const ms = performance.now() - t0;
  const timing = { ms, stateVector: hex(Y.encodeStateVector(doc)), records: persistence._dbsize };
  await persistence.destroy();
  doc.destroy();
  return timing;
}

/** Ours: the device store this page opened and unlocked (once per page, as in the app). */
let device: DeviceStore | null = null;

/**
 * Opens and unlocks our store (not timed as a doc open; reported separately). Compaction is off
 * so the cold and the warm open see the same records; the compaction that would follow in the
 * background is timed on its own by `compactLog`.
 */
async function openStore(): Promise<{ openMs: number; unlockMs: number }> {
  const opened = await unlockedDevice(USER, false);
  device = opened.device;
  return { openMs: opened.openMs, unlockMs: opened.unlockMs };
}

/** Opens one doc into a new Y.Doc: the timed step (called twice per page: cold, then warm). */
async function openDoc(store: StoreName, scenario: Scenario, rep: number): Promise<OpenTiming> {
  const name = copyName(scenario, rep);
  if (store === 'y-indexeddb') return openYIndexeddb(name);
  if (!device) throw new Error('openStore first');
  return openOurs(device, name);
}

/** Ours: compacts the log copy as the background compaction after its open would. */
async function compactLog(rep: number): Promise<number> {
  if (!device) throw new Error('openStore first');
  const t0 = performance.now();
  await device.docs.compact(copyName('log', rep));
  return performance.now() - t0;
}

async function closeStore(): Promise<void> {
  await device?.close();
  device = null;
}

export interface PullResult {
  docs: number;
  updatesPerDoc: number;
  meanEncodedBytes: number;
  /** `state`: each doc arrives as one update (sync step 2); `updates`: as its ~480 updates. */
  variant: 'state' | 'updates';
  storeMs: number;
  loadMs: number;
  totalMs: number;
  records: number;
  /** Renderer CPU time of store + load (filled in by the driver). */
  cpuMs?: number;
  reference?: { storeMs: number; loadMs: number; totalMs: number };
}

interface PullInput {
  files: ReturnType<typeof buildCaseFile>[];
  states: Uint8Array[];
  device: DeviceStore;
}

let pullInput: PullInput | null = null;

/** Builds the case files and opens a fresh device (untimed), for `firstPull`. */
async function preparePull(variant: 'state' | 'updates', docs: number): Promise<void> {
  const files = Array.from({ length: docs }, (_, i) => buildCaseFile(1000 + i));
  const states = files.map((file) => {
    const doc = new Y.Doc();
    Y.transact(doc, () => file.updates.forEach((u) => Y.applyUpdate(doc, u)));
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return state;
  });
  const { device } = await unlockedDevice(`pull-${variant}-${Date.now()}`);
  pullInput = { files, states, device };
}

/** A first pull on the fresh device: store every case file encrypted, then load them all. */
async function firstPull(variant: 'state' | 'updates'): Promise<PullResult> {
  if (!pullInput) throw new Error('preparePull first');
  const { files, states, device } = pullInput;
  const t0 = performance.now();
  if (variant === 'state') {
    await Promise.all(states.map((state, i) => device.docs.append(`case-${i}`, state)));
  } else {
    await Promise.all(
      files.flatMap((file, i) => file.updates.map((u) => device.docs.append(`case-${i}`, u)))
    );
  }
  const t1 = performance.now();
  const loaded = await Promise.all(
    files.map(async (_, i) => {
      const doc = new Y.Doc();
      const report = await device.docs.load(`case-${i}`, doc);
      return { doc, report };
    })
  );
  const t2 = performance.now();
  let records = 0;
  loaded.forEach(({ doc, report }, i) => {
    records += report.applied;
    if (hex(Y.encodeStateVector(doc)) !== hex(files[i]!.stateVector))
      throw new Error(`case ${i} is incomplete`);
    device.docs.detach(`case-${i}`, doc);
    doc.destroy();
  });
  await device.docs.flush();
  await device.close();
  return {
    docs: files.length,
    updatesPerDoc: files[0]!.updates.length,
    meanEncodedBytes: Math.round(states.reduce((s, u) => s + u.byteLength, 0) / files.length),
    variant,
    storeMs: t1 - t0,
    loadMs: t2 - t1,
    totalMs: t2 - t0,
    records
  };
}

/**
 * The state-variant pull through y-indexeddb, for reference (its raw-update variant would write
 * every update in its own transaction: ~40 s for 48 000 here).
 */
async function pullReference(): Promise<{ storeMs: number; loadMs: number; totalMs: number }> {
  if (!pullInput) throw new Error('preparePull first');
  return firstPullYIndexeddb(
    'state',
    pullInput.files.map((f) => f.updates),
    pullInput.states
  );
}

/** The same first pull through y-indexeddb (one database per doc), for reference. */
async function firstPullYIndexeddb(
  variant: 'state' | 'updates',
  updates: Uint8Array[][],
  states: Uint8Array[]
): Promise<{ storeMs: number; loadMs: number; totalMs: number }> {
  const prefix = `pull-ref-${variant}-${Date.now()}`;
  const t0 = performance.now();
  await Promise.all(
    states.map(async (state, i) => {
      const doc = new Y.Doc();
      const persistence = new IndexeddbPersistence(`${prefix}-${i}`, doc);
      await persistence.whenSynced;
      if (variant === 'state') Y.applyUpdate(doc, state);
      else for (const u of updates[i]!) Y.applyUpdate(doc, u);
      // y-indexeddb writes without telling when; a read queued behind the writes does.
      await new Promise<void>((resolve, reject) => {
        const tx = persistence.db!.transaction('updates', 'readonly');
        tx.objectStore('updates').count();
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      await persistence.destroy();
      doc.destroy();
    })
  );
  const t1 = performance.now();
  await Promise.all(
    states.map(async (_, i) => {
      const doc = new Y.Doc();
      const persistence = new IndexeddbPersistence(`${prefix}-${i}`, doc);
      await persistence.whenSynced;
      await persistence.destroy();
      doc.destroy();
    })
  );
  const t2 = performance.now();
  return { storeMs: t1 - t0, loadMs: t2 - t1, totalMs: t2 - t0 };
}

declare global {
  interface Window {
    deviceBench: {
      seed: typeof seed;
      openStore: typeof openStore;
      openDoc: typeof openDoc;
      compactLog: typeof compactLog;
      closeStore: typeof closeStore;
      preparePull: typeof preparePull;
      firstPull: typeof firstPull;
      pullReference: typeof pullReference;
      userAgent: () => string;
    };
  }
}

window.deviceBench = {
  seed,
  openStore,
  openDoc,
  compactLog,
  closeStore,
  preparePull,
  firstPull,
  pullReference,
  userAgent: () => navigator.userAgent
};
document.getElementById('status')!.textContent = 'ready';
