/**
 * Serves the built single-page app. Hashed assets under /_app/immutable are cached for a year;
 * everything else is revalidated. Unknown paths get the app shell, whose router takes over.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';

export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => void;

export function createStaticHandler(appDir: string): StaticHandler {
  if (!fs.existsSync(path.join(appDir, 'index.html'))) {
    return (_req, res) => {
      res.statusCode = 503;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('The app is not built. Run `npm run build`, then start the server again.\n');
    };
  }
  const files = sirv(appDir, {
    dev: false,
    etag: true,
    gzip: false,
    setHeaders(res, pathname) {
      if (pathname.startsWith('/_app/immutable/')) {
        res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      } else {
        res.setHeader('cache-control', 'no-cache');
      }
      if (pathname.endsWith('.webmanifest')) res.setHeader('content-type', 'application/manifest+json');
    }
  });
  const shell = fs.readFileSync(
    path.join(appDir, fs.existsSync(path.join(appDir, '200.html')) ? '200.html' : 'index.html')
  );
  return (req, res) => {
    files(req, res, () => {
      const accept = req.headers.accept ?? '';
      if (
        (req.method === 'GET' || req.method === 'HEAD') &&
        !path.extname(req.url ?? '') &&
        accept.includes('text/html')
      ) {
        res.statusCode = 200;
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.setHeader('cache-control', 'no-cache');
        res.end(req.method === 'HEAD' ? undefined : shell);
        return;
      }
      res.statusCode = 404;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('Not found\n');
    });
  };
}
