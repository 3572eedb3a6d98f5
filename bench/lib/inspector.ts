/**
 * A minimal Chrome DevTools Protocol client for a server child started with
 * `--inspect=127.0.0.1:0`: it forces a full garbage collection and reads the V8 heap, so that
 * memory per open doc is measured on live objects and not on garbage that a collection would
 * have freed. Without it, RSS differences between servers mostly show when V8 last collected.
 */
import type { ChildProcess } from 'node:child_process';
import WebSocket from 'ws';
import { withTimeout } from './children.ts';

const INSPECTOR_URL = /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/;
const CALL_TIMEOUT_MS = 30_000;

/** The node flag that makes a child listen for this client on a free loopback port. */
export const INSPECT_FLAG = '--inspect=127.0.0.1:0';

export class InspectorClient {
  private nextId = 1;
  private readonly calls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: WebSocket.RawData) => {
      const message = JSON.parse(String(data)) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
      };
      if (message.id === undefined) return;
      const call = this.calls.get(message.id);
      this.calls.delete(message.id);
      if (message.error) call?.reject(new Error(message.error.message));
      else call?.resolve(message.result);
    });
    ws.on('close', () => {
      for (const call of this.calls.values()) call.reject(new Error('the inspector connection closed'));
      this.calls.clear();
    });
  }

  /** Connects to the inspector a child announced on stderr (waits for the announcement). */
  static async attach(child: ChildProcess, what: string): Promise<InspectorClient> {
    const url = await withTimeout(
      new Promise<string>((resolve, reject) => {
        let buffer = '';
        const onData = (chunk: Buffer | string) => {
          buffer += String(chunk);
          const match = INSPECTOR_URL.exec(buffer);
          if (match) {
            child.stderr?.off('data', onData);
            resolve(match[1] as string);
          }
        };
        child.stderr?.on('data', onData);
        child.once('exit', () => reject(new Error(`${what} exited before its inspector listened`)));
      }),
      CALL_TIMEOUT_MS,
      `${what}: inspector`
    );
    const ws = new WebSocket(url, { perMessageDeflate: false });
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      }),
      CALL_TIMEOUT_MS,
      `${what}: connecting to the inspector`
    );
    return new InspectorClient(ws);
  }

  call<T>(method: string, params: object = {}): Promise<T> {
    const id = this.nextId++;
    const result = new Promise<T>((resolve, reject) => {
      this.calls.set(id, { resolve: resolve as (v: unknown) => void, reject });
    });
    this.ws.send(JSON.stringify({ id, method, params }));
    return withTimeout(result, CALL_TIMEOUT_MS, method);
  }

  /** Forces a full GC and returns the bytes of live JS heap. */
  async heapAfterGc(): Promise<number> {
    await this.call('HeapProfiler.collectGarbage');
    const usage = await this.call<{ usedSize: number }>('Runtime.getHeapUsage');
    return usage.usedSize;
  }

  close(): void {
    this.ws.close();
  }
}
