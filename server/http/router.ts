/**
 * A small router over node:http. Routes are data: method, a path pattern with `:params`, and a
 * handler that returns a {@link Reply} or throws an {@link HttpError}.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string | string[]>;
}

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
}

export type Handler<C> = (ctx: C) => Promise<Reply> | Reply;

interface Route<C> {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler<C>;
}

export class Router<C extends RequestContext> {
  private readonly routes: Route<C>[] = [];

  add(method: string, path: string, handler: Handler<C>): this {
    const keys: string[] = [];
    const source = path
      .split('/')
      .map((part) => {
        if (part.startsWith(':')) {
          keys.push(part.slice(1));
          return '([^/]+)';
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), keys, handler });
    return this;
  }

  /**
   * Finds the handler for a request. Returns `'method'` when the path exists with other methods
   * (so the caller can answer 405), or null when nothing matches.
   */
  match(
    method: string,
    pathname: string
  ): { handler: Handler<C>; params: Record<string, string> } | 'method' | null {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(pathname);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => {
        params[key] = decodeURIComponent(m[i + 1]!);
      });
      return { handler: route.handler, params };
    }
    return pathMatched ? 'method' : null;
  }
}
