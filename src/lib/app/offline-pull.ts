/**
 * One background pull as plain async code (no rune state): open each document through the
 * registry, at most `concurrency` at a time, wait until the server has confirmed it (`saved`)
 * and the device store has written what arrived, and release it.
 *
 * A document that fails for good (forbidden, error, session ended) or does not settle within
 * `timeoutMs` is reported as failed; a network that goes away stops the pull (`offline`).
 */
import type { DocHandle } from '$lib/sync/doc-registry';
import type { NetworkMonitor } from '$lib/sync/network';
import type { DocStatus } from '$lib/sync/status';

export interface PullInput {
  ids: readonly string[];
  registry: { open(docId: string): DocHandle; whenStored(): Promise<void> };
  network: NetworkMonitor;
  concurrency: number;
  timeoutMs: number;
  /** False once the pull should stop (the device locked). */
  isCurrent: () => boolean;
  /** Called for each document synced and stored. */
  onSynced?: (docId: string) => void;
}

export interface PullResult {
  synced: string[];
  failed: string[];
  /** The network went away during the pull: the rest was not tried. */
  offline: boolean;
}

type DocOutcome = 'synced' | 'offline' | 'failed';

const TERMINAL_KINDS: ReadonlySet<DocStatus['kind']> = new Set(['forbidden', 'error', 'session-expired']);

/** Waits until the server confirmed the doc, it failed for good, or the network went away. */
export function settle(handle: DocHandle, timeoutMs: number, network: NetworkMonitor): Promise<DocOutcome> {
  return new Promise((resolve) => {
    let done = false;
    let stop = () => {};
    const timer = setTimeout(() => finish('failed'), timeoutMs);
    function finish(outcome: DocOutcome) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      stop();
      resolve(outcome);
    }
    stop = handle.subscribe((status: DocStatus) => {
      if (status.kind === 'saved') finish('synced');
      // A socket between retries also reads as offline; only a down network ends the wait.
      else if (status.kind === 'offline' && !network.online) finish('offline');
      else if (TERMINAL_KINDS.has(status.kind)) finish('failed');
    });
    // subscribe() calls back at once: the doc may have settled before `stop` was assigned.
    if (done) stop();
  });
}

/** Pulls `ids`; never throws. */
export async function pullDocs(input: PullInput): Promise<PullResult> {
  const result: PullResult = { synced: [], failed: [], offline: false };
  let next = 0;
  const worker = async () => {
    while (next < input.ids.length && input.isCurrent() && !result.offline) {
      const docId = input.ids[next++]!;
      let handle: DocHandle;
      try {
        handle = input.registry.open(docId);
      } catch {
        result.failed.push(docId);
        continue;
      }
      try {
        await handle.ready;
        const outcome = await settle(handle, input.timeoutMs, input.network);
        if (outcome === 'offline') {
          result.offline = true;
        } else if (outcome === 'failed') {
          result.failed.push(docId);
        } else {
          await input.registry.whenStored();
          result.synced.push(docId);
          input.onSynced?.(docId);
        }
      } finally {
        handle.release();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(input.concurrency, input.ids.length) }, worker));
  return result;
}

/**
 * How many of the `listed` documents are not on the device: not covered by the last complete
 * pull (an empty document has no records), not stored, or failed just now.
 */
export function countMissing(input: {
  listed: readonly string[];
  covered?: readonly string[];
  stored: readonly string[];
  synced?: readonly string[];
  failed?: readonly string[];
}): number {
  const have = new Set([...(input.covered ?? []), ...input.stored, ...(input.synced ?? [])]);
  const failed = new Set(input.failed ?? []);
  return input.listed.filter((id) => failed.has(id) || !have.has(id)).length;
}
