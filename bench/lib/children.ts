/**
 * Child processes of the benchmark: spawned with tsx's loader, tracked, and always killed.
 *
 * Every child is registered so that `killAllChildren()` (called in `finally` and on signals)
 * leaves nothing running, even when a phase fails or times out.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (bench/lib/../..). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const live = new Set<ChildProcess>();

export class BenchTimeoutError extends Error {
  readonly code = 'bench_timeout';
  constructor(what: string, ms: number) {
    super(`${what} did not finish within ${Math.round(ms / 1000)} s`);
    this.name = 'BenchTimeoutError';
  }
}

/** Rejects with {@link BenchTimeoutError} if the promise does not settle in time. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BenchTimeoutError(what, ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface SpawnOptions {
  env?: Record<string, string>;
  /** Open an IPC channel (for the bench's own client and server scripts). */
  ipc?: boolean;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** Called with every stderr chunk (for error reports). */
  onStderr?: (text: string) => void;
}

/**
 * Runs a TypeScript file in a new Node process with tsx's loader (`node --import tsx`), so the
 * pid we measure is the script's own process and not a wrapper.
 */
export function spawnTs(script: string, options: SpawnOptions = {}): ChildProcess {
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', 'tsx', path.resolve(ROOT, script)],
    {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe', ...(options.ipc ? (['ipc'] as const) : [])]
    }
  );
  live.add(child);
  child.once('exit', () => live.delete(child));
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
    options.onStderr?.(chunk);
  });
  Object.defineProperty(child, 'stderrTail', { get: () => stderr });
  return child;
}

/** The last few kB a child wrote to stderr (for error messages). */
export function stderrTail(child: ChildProcess): string {
  return ((child as ChildProcess & { stderrTail?: string }).stderrTail ?? '').trim();
}

/** Waits for a stdout line matching the pattern; rejects if the child exits first or time runs out. */
export function waitForLine(
  child: ChildProcess,
  pattern: RegExp,
  ms: number,
  what: string
): Promise<RegExpExecArray> {
  return withTimeout(
    new Promise<RegExpExecArray>((resolve, reject) => {
      let buffer = '';
      child.stdout?.setEncoding('utf8');
      const onData = (chunk: string) => {
        buffer += chunk;
        const match = pattern.exec(buffer);
        if (match) {
          child.stdout?.off('data', onData);
          child.off('exit', onExit);
          child.stdout?.resume();
          resolve(match);
        }
      };
      const onExit = (code: number | null, signal: string | null) =>
        reject(new Error(`${what} exited (${code ?? signal}) before it was ready: ${stderrTail(child)}`));
      child.stdout?.on('data', onData);
      child.once('exit', onExit);
    }),
    ms,
    what
  );
}

/** Stops a child: SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Kills every child still running, at once (used on errors and at exit). */
export function killAllChildren(): void {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
}

/** Waits for the next IPC message of the given type from a child. */
export function nextMessage<T extends { type: string }>(
  child: ChildProcess,
  type: T['type'],
  ms: number,
  what: string
): Promise<T> {
  let cleanup = () => {};
  const received = new Promise<T>((resolve, reject) => {
    const onMessage = (message: { type: string; error?: string }) => {
      if (message.type === type) resolve(message as T);
      else if (message.type === 'error') reject(new Error(`${what}: ${message.error ?? 'failed'}`));
    };
    const onExit = (code: number | null, signal: string | null) =>
      reject(new Error(`${what}: the process exited (${code ?? signal}): ${stderrTail(child)}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
    cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
  });
  return withTimeout(received, ms, what).finally(cleanup);
}

/** Starts one of the bench's IPC client scripts and waits until it listens (it sends `hello`). */
export async function spawnClient(script: string, what: string): Promise<ChildProcess> {
  const child = spawnTs(script, { ipc: true });
  await nextMessage(child, 'hello', 30_000, `${what}: starting ${script}`);
  return child;
}
